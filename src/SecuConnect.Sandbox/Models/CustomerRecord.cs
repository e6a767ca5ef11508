namespace SecuConnect.Sandbox.Models;

/// <summary>A stored customer. Immutable: an update stores a new instance, so readers never see half a change.</summary>
public sealed class CustomerRecord
{
    public const string ObjectName = "payment.customers";

    public CustomerRecord(string id, long seq, string contractId, string merchantId, ContactData contact, string created, string? updated)
    {
        Id = id;
        Seq = seq;
        ContractId = contractId;
        MerchantId = merchantId;
        Contact = contact;
        Created = created;
        Updated = updated;
        Json = CustomerJsonWriter.Serialize(this);
    }

    public string Id { get; }

    /// <summary>Creation order; the default list order.</summary>
    public long Seq { get; }

    public string ContractId { get; }
    public string MerchantId { get; }
    public ContactData Contact { get; }

    /// <summary>Timestamp as sent on the wire (yyyy-MM-ddTHH:mm:ss+hh:mm).</summary>
    public string Created { get; }

    public string? Updated { get; }

    /// <summary>The record serialised once, so reads just copy bytes.</summary>
    public byte[] Json { get; }
}
