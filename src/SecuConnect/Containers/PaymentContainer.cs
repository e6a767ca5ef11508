#nullable enable
using SecuConnect.Containers;
using SecuConnect.Core;

// The namespace makes the type's full name "SecuConnect.PaymentContainer", the name the format file, OutputType and
// users' scripts know.
namespace SecuConnect
{
    /// <summary>
    /// A payment container (a customer's bank account) as the cmdlets write it. The account fields come from the API's
    /// <c>private</c> part, or, for an API user that may see only masked data, from <c>public</c> (then
    /// <see cref="IsMasked"/> is true and the IBAN shows only its country, check digits and last four). The object
    /// remembers the values it was written with, so Set-SecuPaymentContainer sends only what the user changed.
    /// </summary>
    public sealed class PaymentContainer
    {
        internal PaymentContainer(ContainerRecord record, Customer? customer)
        {
            Record = record;
            Id = record.Id;
            CustomerId = record.CustomerId;
            Customer = customer;
            Type = record.Type;
            Iban = record.Iban;
            Bic = record.Bic;
            Owner = record.Owner;
            BankName = record.BankName;
            Purpose = record.Purpose;
            IsMasked = record.IsMasked;
            MandateId = record.MandateId;
            MandateReference = record.MandateReference;
            MandateStatus = record.MandateStatus;
            Created = Timestamps.Shown(record.Created);
            Updated = Timestamps.Shown(record.Updated);
            MerchantId = record.MerchantId;
            ContractId = record.ContractId;
        }

        public string? Id { get; set; }

        /// <summary>The linked customer's id; null for an account linked to no customer.</summary>
        public string? CustomerId { get; set; }

        /// <summary>The linked customer as the API embeds it, read as Get-SecuCustomer writes it; null when not linked.</summary>
        public Customer? Customer { get; set; }

        public string? Type { get; set; }

        /// <summary>The full IBAN (masked by the API for a client with fewer rights: DE89XXXXXXXXXXXXXX3000).</summary>
        public string? Iban { get; set; }

        public string? Bic { get; set; }

        /// <summary>The account holder.</summary>
        public string? Owner { get; set; }

        /// <summary>The bank's name, as the API derives it from the BIC or bank code.</summary>
        public string? BankName { get; set; }

        public string? Purpose { get; set; }

        /// <summary>True when the API gave only the masked account data (no private part): this API user may not see the account in full.</summary>
        public bool IsMasked { get; private set; }

        /// <summary>The SEPA mandate's id (sepa_mandate_id).</summary>
        public string? MandateId { get; set; }

        /// <summary>The mandate reference (identification), which a direct debit quotes.</summary>
        public string? MandateReference { get; set; }

        public string? MandateStatus { get; set; }

        /// <summary>When the container was created: a [DateTimeOffset], or the API's text as it came when that is no time.</summary>
        public object? Created { get; set; }

        /// <summary>When the container last changed (absent until its first update): a [DateTimeOffset], or the API's text when that is no time.</summary>
        public object? Updated { get; set; }

        public string? MerchantId { get; set; }

        public string? ContractId { get; set; }

        /// <summary>Top-level members the API returned that the module does not model; null when none. Never sent.</summary>
        public object? AdditionalProperties { get; set; }

        /// <summary>The container as the API answered when this object was written.</summary>
        internal ContainerRecord Record { get; private set; }

        /// <summary>Takes the container as the server now holds it: piping this object again applies only later edits.</summary>
        internal void TakeStateOf(PaymentContainer fresh)
        {
            Record = fresh.Record;
            Id = fresh.Id;
            CustomerId = fresh.CustomerId;
            Customer = fresh.Customer;
            Type = fresh.Type;
            IsMasked = fresh.IsMasked;
            Iban = fresh.Iban;
            Bic = fresh.Bic;
            Owner = fresh.Owner;
            BankName = fresh.BankName;
            Purpose = fresh.Purpose;
            MandateId = fresh.MandateId;
            MandateReference = fresh.MandateReference;
            MandateStatus = fresh.MandateStatus;
            Created = fresh.Created;
            Updated = fresh.Updated;
            MerchantId = fresh.MerchantId;
            ContractId = fresh.ContractId;
            AdditionalProperties = fresh.AdditionalProperties;
        }

        /// <summary>The id, so a container given where an id is expected names itself.</summary>
        public override string ToString() => Id ?? string.Empty;
    }
}
