#nullable enable
using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Containers;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates a payment container: its owner, BIC, purpose or customer, sending only what changed.</para>
    /// The IBAN cannot change (the SEPA mandate is bound to it): an account with another IBAN is a new container. A
    /// container the module wrote gives only the properties changed since it was read; a row read before the server's
    /// last change is a conflict unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SecuPaymentContainer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PaymentContainer))]
    public sealed class SetSecuPaymentContainerCommand : SecuBulkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerIdCompleter))]
        public string? Id { get; set; }

        /// <summary>A container from Get-SecuPaymentContainer, a CSV row with an Id column, or an id.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? InputObject { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AccountHolder", "Account Holder", "AccountOwner")]
        public string? Owner { get; set; }

        /// <summary>The BIC; an empty string removes it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Bic { get; set; }

        /// <summary>The purpose; an empty string removes it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Purpose { get; set; }

        /// <summary>Links the container to this customer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Customer Id", "customer_id")]
        public string? CustomerId { get; set; }

        /// <summary>The IBAN the container already has (a row or object carries it); another IBAN is refused before sending.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Iban { get; set; }

        /// <summary>Writes rows whose Updated is older than the container on the server as they are (a ConcurrentChange error otherwise).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private bool _ownerGiven, _bicGiven, _purposeGiven, _customerGiven, _ibanGiven;

        private protected override string ProgressActivity => "Updating payment containers";

        private protected override string RecordNoun => "payment container";

        private protected override string ReadCommand => "Get-SecuPaymentContainer";

        protected override void BeginProcessing()
        {
            // Before pipeline input, BoundParameters holds only what the command line gave: those apply to every record.
            _ownerGiven = IsBound("Owner");
            _bicGiven = IsBound("Bic");
            _purposeGiven = IsBound("Purpose");
            _customerGiven = IsBound("CustomerId");
            _ibanGiven = IsBound("Iban");
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var source = InputObject?.BaseObject as PaymentContainer;
            object target = (object?)InputObject ?? Id!;
            string? id = (Id ?? InputObject?.BaseObject as string)?.Trim();
            if (!ContainerIds.IsValid(id))
            {
                ReportRejected(Errors.Argument(ErrorIds.InvalidContainerId,
                    $"Cannot update '{id}': a payment container id is PCT_ followed by 30 characters A-Z or 0-9. No request was sent.", target));
                return;
            }
            var asRead = source?.Record;
            // The parameters are read per record: a value bound from an earlier record never carries over.
            string? bic = ContainerInput.Bic(Changed(Bic, asRead?.Bic, _bicGiven, source), id!, target, out var invalid);
            if (invalid != null)
            {
                ReportRejected(invalid);
                return;
            }
            var change = new BankAccount
            {
                Owner = Changed(Owner, asRead?.Owner, _ownerGiven, source)?.Trim(),
                Bic = bic,
                Purpose = Changed(Purpose, asRead?.Purpose, _purposeGiven, source)?.Trim(),
                CustomerId = Blank(Changed(CustomerId, asRead?.CustomerId, _customerGiven, source))?.Trim(),
            };
            if (change.CustomerId != null && !CustomerIds.IsValid(change.CustomerId))
            {
                ReportRejected(CustomerErrors.InvalidCustomerId("CustomerId", change.CustomerId, target));
                return;
            }
            string? iban = Blank(Changed(Iban, asRead?.Iban, _ibanGiven, source));
            iban = iban == null ? null : IbanRules.Normalize(iban);
            if (iban != null && asRead?.Iban != null && iban != IbanRules.Normalize(asRead.Iban))
            {
                ReportRejected(Errors.Argument(ErrorIds.IbanNotChangeable, IbanMessage(id!), target, IbanAdvice));
                return;
            }
            var stamp = source == null ? RowStamp.Of(InputObject) : null;
            bool force = Force;
            if (!ShouldSend("Update payment container", id!, id!, () => Describe(change))) return;
            bool passThru = PassThru;
            Submit(id, target, (call, ct) => UpdateAsync(new ContainerClient(call), id!, change, iban, stamp, force, ct),
                result =>
                {
                    var written = ContainerOutput.Create(result);
                    source?.TakeStateOf(written);
                    if (passThru) WriteObject(written);
                }, ContainerInput.Describe);
        }

        /// <summary>Reads the container, checks the record against it, and sends the change if one is left; runs on a worker.</summary>
        private static async Task<ContainerRecord> UpdateAsync(ContainerClient client, string id, BankAccount change, string? iban,
            RowStamp? stamp, bool force, CancellationToken ct)
        {
            var current = await client.GetAsync(id, ct).ConfigureAwait(false);
            if (iban != null && current.Iban != null && !current.IsMasked && iban != IbanRules.Normalize(current.Iban))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.IbanNotChangeable, IbanMessage(id));
            var left = Remaining(change, current);
            if (left == null)
            {
                client.Log.Verbose($"Payment container {id}: nothing to change.");
                return current;
            }
            if (current.IsMasked)
                throw new SecuApiException(SecuErrorKind.PermissionDenied, ErrorIds.MaskedContainer,
                    $"Payment container {id} was not updated: this API user receives only the masked account data, and an update sends the whole account back. " +
                    "Ask for an API user with access to the unmasked data. No request was sent.");
            if (stamp != null && !force) CheckStamp(id, stamp, current);
            return await client.UpdateAsync(current, left, ct).ConfigureAwait(false);
        }

        /// <summary>The part of <paramref name="change"/> that differs from the stored container; null when nothing does.</summary>
        private static BankAccount? Remaining(BankAccount change, ContainerRecord current)
        {
            var left = new BankAccount
            {
                Owner = Differs(change.Owner, current.Owner),
                Bic = Differs(change.Bic, current.Bic),
                Purpose = Differs(change.Purpose, current.Purpose),
                CustomerId = Differs(change.CustomerId, current.CustomerId),
            };
            return left.Owner == null && left.Bic == null && left.Purpose == null && left.CustomerId == null ? null : left;
        }

        private static string? Differs(string? given, string? stored) =>
            given == null || (given.Length == 0 ? string.IsNullOrEmpty(stored) : given == stored) ? null : given;

        /// <summary>
        /// A row read before the server's last change cannot say which of its cells the user edited: writing it could
        /// undo that change, so it is a conflict and nothing is sent.
        /// </summary>
        private static void CheckStamp(string id, RowStamp stamp, ContainerRecord current)
        {
            string? why = stamp.Conflict(current.Updated, "payment container");
            if (why == null) return;
            throw new SecuApiException(SecuErrorKind.Conflict, ErrorIds.ConcurrentChange,
                $"Payment container {id} was not updated: {why}. A row cannot say which of its cells you edited, so writing it could undo that change. " +
                "Read the container again (Get-SecuPaymentContainer) and redo your edit, or run Set-SecuPaymentContainer -Force to write the row as it is. No request was sent.");
        }

        /// <summary>
        /// A value of this record: for a container the module wrote, only when the user changed it since (or the command
        /// line gave it); otherwise as given (null = not given).
        /// </summary>
        private static string? Changed(string? value, string? asRead, bool fromCommandLine, PaymentContainer? source) =>
            source != null && !fromCommandLine && value == asRead ? null : value;

        /// <summary>An empty cell says nothing for a value that cannot be cleared (the IBAN, the customer link).</summary>
        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        private static string IbanMessage(string id) =>
            $"Payment container {id} was not updated: its IBAN cannot change, as the SEPA mandate is bound to it. No request was sent.";

        private const string IbanAdvice =
            "Create a container for the new account (New-SecuPaymentContainer), then remove the old one (Remove-SecuPaymentContainer).";

        /// <summary>What the record asks to change, one line each, for -WhatIf and -Confirm.</summary>
        private static string Describe(BankAccount change)
        {
            var sb = new System.Text.StringBuilder();
            void Line(string name, string? value)
            {
                if (value != null) sb.AppendLine().Append("  ").Append(name).Append(": ").Append(value.Length == 0 ? "(empty)" : "'" + value + "'");
            }
            Line("Owner", change.Owner);
            Line("Bic", change.Bic);
            Line("Purpose", change.Purpose);
            Line("CustomerId", change.CustomerId);
            return sb.ToString();
        }
    }
}
