using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Models;

/// <summary>A stored customer. Immutable: an update stores a new instance, so readers never see half a change.</summary>
public sealed class CustomerRecord : IStoredRecord
{
    public const string ObjectName = "payment.customers";

    private byte[]? _jsonArrayAddress;

    public CustomerRecord(string id, long seq, string? contractId, string merchantId, ContactData contact, string created, string? updated, ExtraMember[]? extras = null)
    {
        Id = id;
        Seq = seq;
        ContractId = contractId;
        MerchantId = merchantId;
        Contact = contact;
        Created = created;
        Updated = updated;
        Extras = extras ?? [];
        Json = CustomerJsonWriter.Serialize(this, emptyAddressAsArray: false);
    }

    public string Id { get; }

    /// <summary>Creation order; the default list order.</summary>
    public long Seq { get; }

    /// <summary>Null when the sandbox runs with --omit-contract: the answer then has no contract.</summary>
    public string? ContractId { get; }
    public string MerchantId { get; }
    public ContactData Contact { get; }

    /// <summary>Timestamp as sent on the wire (yyyy-MM-ddTHH:mm:ss+hh:mm).</summary>
    public string Created { get; }

    public string? Updated { get; }

    /// <summary>Server-managed top-level members beyond the modelled ones, fixed at creation.</summary>
    public ExtraMember[] Extras { get; }

    /// <summary>The record serialised once, so reads just copy bytes. This is also the stored form.</summary>
    public byte[] Json { get; }

    /// <summary>The answer: <see cref="Json"/>, or with "address": [] when asked for and the contact has no address.</summary>
    public byte[] Answer(bool emptyAddressAsArray) =>
        !emptyAddressAsArray || Contact.HasAddress
            ? Json
            : _jsonArrayAddress ??= CustomerJsonWriter.Serialize(this, emptyAddressAsArray: true);
}
