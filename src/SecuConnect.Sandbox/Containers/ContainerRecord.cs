using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Containers;

/// <summary>A bank account as stored: IBAN normalised, BIC and bank name filled where the sandbox knows the bank.</summary>
public sealed record BankAccount(string Iban, string? Bic, string Owner, string BankName, string? Purpose);

/// <summary>The SEPA direct-debit mandate created with a container; its IBAN and BIC are the account's.</summary>
public sealed record SepaMandate(string SepaMandateId, string Type, string Status, string Identification, string CreditorId);

/// <summary>
/// A stored payment container (type bank_account). Immutable: an update stores a new instance. The customer is
/// kept by id and embedded with its current data when the container is answered.
/// </summary>
public sealed record ContainerRecord(
    string Id, long Seq, string? ContractId, string MerchantId, string? CustomerId, string Type,
    BankAccount Account, SepaMandate Mandate, string Created, string? Updated) : IStoredRecord
{
    public const string ObjectName = "payment.containers";
    public const string BankAccountType = "bank_account";
}
