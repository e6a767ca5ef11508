#nullable enable
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Containers;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a payment container: a bank account, linked to a customer or to none.</para>
    /// The IBAN is checked before sending (check digits, the country's length), a BIC for its form. Rows of a CSV
    /// bind by column name (IBAN, BIC, Owner or AccountHolder, Purpose, CustomerId); a customer piped from
    /// Get-SecuCustomer is the account's customer.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecuPaymentContainer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PaymentContainer))]
    public sealed class NewSecuPaymentContainerCommand : SecuBulkCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Iban { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Bic { get; set; }

        /// <summary>The account holder.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("AccountHolder", "Account Holder", "AccountOwner")]
        [ValidateNotNullOrEmpty]
        public string Owner { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Purpose { get; set; }

        /// <summary>
        /// The customer the account belongs to: a customer from Get-SecuCustomer (piped or given). A piped record that is
        /// no customer (a CSV row) is read by its columns instead.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? Customer { get; set; }

        /// <summary>The id of the customer the account belongs to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Customer Id", "customer_id")]
        public string? CustomerId { get; set; }

        private int _position;
        private bool _customerFromCommandLine;
        private UnboundInput? _unbound;

        protected override void BeginProcessing()
        {
            _customerFromCommandLine = IsBound("Customer");
            _unbound = new UnboundInput(MyInvocation.MyCommand, ContainerInput.OutputOnly);
            base.BeginProcessing();
        }

        private protected override string ProgressActivity => "Creating payment containers";

        private protected override string RecordNoun => "payment container";

        private protected override string ReadCommand => "Get-SecuPaymentContainer";

        protected override void ProcessRecord()
        {
            _position++;
            string record = "record " + _position.ToString(CultureInfo.InvariantCulture);
            // Taken now: by the time a call fails, the parameters hold a later record.
            PSObject? given = Customer;
            string? customerOfObject = ContainerInput.CustomerIdOf(given);
            PSObject? row = customerOfObject == null && !_customerFromCommandLine ? given : null;
            object target = row ?? (object?)given?.BaseObject ?? ContainerInput.Target(("Iban", Iban), ("Bic", Bic), ("Owner", Owner), ("Purpose", Purpose), ("CustomerId", CustomerId));
            WarnUnbound(row);

            if (!Link(given, customerOfObject, target, out string? customerId)) return;
            string? iban = ContainerInput.Iban(Iban, record, target, out var invalid);
            string? bic = invalid == null ? ContainerInput.Bic(Bic, record, target, out invalid) : null;
            if (invalid != null)
            {
                ReportRejected(invalid);
                return;
            }
            var account = new BankAccount { Iban = iban, Bic = bic, Owner = Owner.Trim(), Purpose = Purpose?.Trim(), CustomerId = customerId };
            if (!ShouldSend("Create payment container", record, ContainerInput.Shown(account.Owner, iban), () => Change(account))) return;
            // A POST is never re-sent when its outcome is unknown, so an account is never created twice.
            Submit(null, target, (call, ct) => new ContainerClient(call).CreateAsync(account, ct),
                created => WriteObject(ContainerOutput.Create(created)), ContainerInput.Describe);
        }

        /// <summary>The customer id the record links to (null for none); false after reporting a customer that cannot be used.</summary>
        private bool Link(PSObject? given, string? customerOfObject, object target, out string? customerId)
        {
            customerId = string.IsNullOrWhiteSpace(CustomerId) ? null : CustomerId!.Trim();
            if (_customerFromCommandLine && customerOfObject == null)
            {
                ReportRejected(Errors.Argument(ErrorIds.InvalidCustomerId,
                    "-Customer takes a customer from Get-SecuCustomer; give a customer id to -CustomerId. No request was sent.", given?.BaseObject));
                return false;
            }
            if (customerOfObject != null)
            {
                if (customerId != null && customerId != customerOfObject)
                {
                    ReportRejected(Errors.Argument(ErrorIds.ConflictingCustomer,
                        $"The record names two customers: {customerOfObject} (-Customer) and {customerId} (-CustomerId). Give one. No request was sent.", target));
                    return false;
                }
                customerId = customerOfObject;
            }
            if (customerId != null && !CustomerIds.IsValid(customerId))
            {
                ReportRejected(CustomerErrors.InvalidCustomerId("CustomerId", customerId, target));
                return false;
            }
            return true;
        }

        private void WarnUnbound(PSObject? row)
        {
            var unbound = _unbound!.NewlyUnbound(row);
            if (unbound == null) return;
            WriteWarning($"The input's {(unbound.Count == 1 ? "property" : "properties")} {string.Join(", ", unbound.Select(n => "'" + n + "'"))} " +
                $"{(unbound.Count == 1 ? "matches" : "match")} no parameter of New-SecuPaymentContainer and {(unbound.Count == 1 ? "was" : "were")} ignored. " +
                "Columns: IBAN, BIC, Owner (or AccountHolder), Purpose, CustomerId.");
        }

        /// <summary>What a create sends, one line each, for -WhatIf and -Confirm (the IBAN shortened).</summary>
        private static string Change(BankAccount account)
        {
            var sb = new System.Text.StringBuilder();
            void Line(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value)) sb.AppendLine().Append("  ").Append(name).Append(": '").Append(value).Append('\'');
            }
            Line("Iban", IbanRules.Shorten(account.Iban));
            Line("Bic", account.Bic);
            Line("Owner", account.Owner);
            Line("Purpose", account.Purpose);
            Line("CustomerId", account.CustomerId);
            return sb.ToString();
        }
    }
}
