using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates a payment customer, changing only the fields given.</para>
    /// The API replaces the whole contact, so each record is merged into the current customer: fields not given
    /// keep their values, an empty string or -Clear clears, $null never clears. A customer the module wrote gives
    /// only the properties changed since it was read, so a stale object never undoes other changes.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SecuCustomer", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Customer))]
    public sealed class SetSecuCustomerCommand : CustomerFieldsCmdlet
    {
        private SecuClient? _client;

        /// <summary>The customer calls of this command on the pipeline thread.</summary>
        private SecuClient Client => _client ?? (_client = new SecuClient(Call));

        public const string IdSet = "Id";
        public const string InputObjectSet = "InputObject";

        // Ids as text: strings from the pipeline or the command line. Piped objects bind to -InputObject, which reads
        // their Id, so the command sees the whole record (its changes, its unused columns) and not just the id.
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>A customer (from Get-SecuCustomer, Import-Csv, ...): its Id selects the record, its properties are the new values.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Field names to clear, e.g. -Clear Fax, Title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string[]? Clear { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// Writes rows whose Updated is older than the customer on the server as they are (a ConcurrentChange error
        /// otherwise). Skips only that check: -WhatIf and -Confirm still apply.
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private CustomerField[] _clear = Array.Empty<CustomerField>();

        protected override void BeginProcessing()
        {
            if (Clear != null)
            {
                var unknown = Clear.Where(n => CustomerFields.Find(n) == null).ToArray();
                if (unknown.Length > 0)
                {
                    ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidClearField,
                        $"Cannot clear {string.Join(", ", unknown.Select(n => "'" + n + "'"))}: -Clear takes field names: {string.Join(", ", CustomerFields.Names)}.",
                        Clear));
                }
                _clear = Clear.Select(n => CustomerFields.Find(n)!).Distinct().ToArray(); // an unknown name ended the command above
            }
            // Before pipeline input, BoundParameters holds only what the command line gave: a field both set and cleared there is a mistake.
            var both = _clear.Select(f => f.Name).Where(IsBound).ToArray();
            if (both.Length > 0)
            {
                ThrowTerminatingError(Errors.Argument(ErrorIds.ConflictingFieldValue,
                    $"-Clear names {string.Join(", ", both)}, which the command also sets with -{both[0]}. Give one or the other.", Clear));
            }
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                Update(CustomerInput.IdOf(InputObject), "InputObject's Id", InputObject);
                return;
            }
            foreach (var id in Id!) Update(id.Trim(), "Id", id); // mandatory in this parameter set
        }

        private void Update(string? id, string parameter, object? target)
        {
            if (!CustomerIds.IsValid(id))
            {
                ReportRejected(CustomerErrors.InvalidCustomerId(parameter, id, target));
                return;
            }
            var values = RecordFields(InputObject, true, out bool recognized, out var readOnly);
            var unsendable = RecordError(target);
            if (unsendable != null)
            {
                ReportRejected(unsendable);
                return;
            }
            if (!recognized && _clear.Length == 0)
            {
                ReportRejected(Errors.Argument(ErrorIds.NoCustomerFields,
                    $"This record gives no field to change for {id}.{readOnly.NotSentNote()} Give a field such as -Email or -City, or -Clear " +
                    "(input columns match the field names, their aliases or the API's names). No request was sent.", target));
                return;
            }
            // A date of birth the API sent as JSON shows as that JSON text: read back, it is compared with the stored value, not parsed.
            string? shownDate = CustomerChange.TakeShownDate(values);
            var invalid = CustomerInput.ToWire(values, target, out var wire, out var unsettled);
            if (invalid != null)
            {
                ReportRejected(invalid);
                return;
            }
            // -Clear wins over a value the piped record carries for the same field.
            foreach (var field in _clear) wire[field.Index] = null;
            var source = InputObject?.BaseObject as Customer;
            var change = new CustomerChange(id, wire, _clear, unsettled, source, source == null ? RowStamp.Of(InputObject) : null, Force,
                _clear.Contains(CustomerFields.DateOfBirth) ? null : shownDate);

            if (ConfirmationMayShow(ConfirmImpact.Medium))
            {
                // -WhatIf and prompts name the customer as it is now, so the record is read first and runs alone.
                CompleteAll();
                UpdateAlone(change, source, readOnly, target);
                return;
            }
            string? knownName = ParameterSetName == InputObjectSet ? CustomerInput.NameOf(InputObject) : null;
            if (!ShouldSend("Update customer", id, CustomerInput.Target(id, knownName))) return;
            bool passThru = PassThru;
            // GET, merge and PUT for this record run together; Submit keeps records for one id in order.
            Submit(id, target, async (call, ct) =>
                {
                    var client = new SecuClient(call);
                    var current = await client.GetCustomerAsync(id, ct).ConfigureAwait(false);
                    var merged = change.Merge(current, client.Log);
                    WarnReadOnly(readOnly, change.Id, current, merged, client.Log);
                    return merged == null ? current : await client.UpdateCustomerAsync(id, merged, ct, current).ConfigureAwait(false);
                },
                result => Written(result, source, passThru), CustomerResult.Describe);
        }

        private protected override string ProgressActivity => "Updating customers";

        /// <summary>
        /// After a successful update, a piped customer object takes the customer as the server now holds it (values and
        /// what it was read as), so piping it again applies only later edits and warns about nobody.
        /// </summary>
        private void Written(PaymentCustomer result, Customer? source, bool passThru)
        {
            var written = CustomerOutput.Create(result);
            source?.TakeStateOf(written);
            if (passThru) WriteObject(written);
        }

        /// <summary>Warns about each value of a property the module cannot send that asks for a change (Name, Created, ...).</summary>
        private static void WarnReadOnly(ReadOnlyInput readOnly, string id, PaymentCustomer current, Contact? merged, ApiLogQueue log)
        {
            foreach (var warning in readOnly.SetWarnings(id, current, merged ?? current.Contact)) log.Warning(warning);
        }

        private void UpdateAlone(CustomerChange change, Customer? source, ReadOnlyInput readOnly, object? target)
        {
            try
            {
                var current = CallApiWhileSending(ct => Client.GetCustomerAsync(change.Id, ct));
                var merged = change.Merge(current, Log);
                WarnReadOnly(readOnly, change.Id, current, merged, Log);
                DrainLog();
                if (merged != null)
                {
                    // -WhatIf and the prompt show each field's current and new value.
                    string shown = CustomerInput.Target(change.Id, CustomerInput.DisplayName(current.Contact));
                    string changes = CustomerChange.Describe(current.Contact, merged);
                    if (!ShouldSend("Update customer", change.Id, shown, () => changes)) return;
                    var before = current;
                    current = CallApiWhileSending(ct => Client.UpdateCustomerAsync(change.Id, merged, ct, before));
                }
                else if (WhatIfInEffect)
                {
                    // The record would send nothing: say so beside the other records' What if lines, with no prompt for it.
                    Host.UI.WriteLine($"What if: Update customer {CustomerInput.Target(change.Id, CustomerInput.DisplayName(current.Contact))}: " +
                        "no change, the customer already has these values.");
                }
                Written(current, source, PassThru);
            }
            catch (SecuApiException ex)
            {
                ReportFailure(ex, target);
            }
        }
    }
}
