using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Api;
using SecuConnect.Models;
using SecuConnect.Output;

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
        public const string IdSet = "Id";
        public const string InputObjectSet = "InputObject";

        // Ids as text: strings from the pipeline or the command line. Piped objects bind to -InputObject, which reads
        // their Id, so the command sees the whole record (its changes, its unused columns) and not just the id.
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public string[] Id { get; set; }

        /// <summary>A customer (from Get-SecuCustomer, Import-Csv, ...): its Id selects the record, its properties are the new values.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject InputObject { get; set; }

        /// <summary>Field names to clear, e.g. -Clear Fax, Title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string[] Clear { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private CustomerField[] _clear = new CustomerField[0];

        protected override void BeginProcessing()
        {
            if (Clear != null)
            {
                var unknown = Clear.Where(n => CustomerFields.Find(n) == null).ToArray();
                if (unknown.Length > 0)
                {
                    ThrowTerminatingError(Errors.Argument("InvalidClearField",
                        $"Cannot clear {string.Join(", ", unknown.Select(n => "'" + n + "'"))}: -Clear takes field names: {string.Join(", ", CustomerFields.Names)}.",
                        Clear));
                }
                _clear = Clear.Select(CustomerFields.Find).Distinct().ToArray();
            }
            // Before pipeline input, BoundParameters holds only what the command line gave: a field both set and cleared there is a mistake.
            var both = _clear.Select(f => f.Name).Where(IsBound).ToArray();
            if (both.Length > 0)
            {
                ThrowTerminatingError(Errors.Argument("ConflictingFieldValue",
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
            foreach (var id in Id) Update(id, "Id", id);
        }

        private void Update(string id, string parameter, object target)
        {
            if (!CustomerIds.IsValid(id))
            {
                WriteError(Errors.InvalidCustomerId(parameter, id, target));
                return;
            }
            var values = RecordFields(InputObject, true, out bool recognized);
            if (RecordProblem != null)
            {
                WriteError(Errors.Argument("InvalidCountry", RecordProblem, target, Errors.CountryAdvice));
                return;
            }
            if (!recognized && _clear.Length == 0)
            {
                WriteError(Errors.Argument("NoCustomerFields",
                    $"This record gives no field to change for {id}. Give a field such as -Email or -City, or -Clear " +
                    "(input columns match the field names, their aliases or the API's names). No request was sent.", target));
                return;
            }
            if (!CustomerInput.TryToWire(values, out var wire, out var ambiguous, out object badDate))
            {
                WriteError(Errors.InvalidDateOfBirth(badDate, target));
                return;
            }
            // -Clear wins over a value the piped record carries for the same field.
            foreach (var field in _clear) wire[field.Index] = null;
            var change = new CustomerChange(id, wire, _clear, ambiguous, InputObject?.BaseObject as Customer);

            if (ConfirmationMayShow(ConfirmImpact.Medium))
            {
                // -WhatIf and prompts name the customer as it is now, so the record is read first and runs alone.
                CompleteAll();
                UpdateAlone(change, target);
                return;
            }
            string knownName = ParameterSetName == InputObjectSet ? CustomerInput.NameOf(InputObject) : null;
            if (!ShouldProcess(CustomerInput.Target(id, knownName), "Update customer")) return;
            bool passThru = PassThru;
            // GET, merge and PUT for this record run together; Submit keeps records for one id in order.
            Submit(id, async (client, ct) =>
                {
                    var current = await client.GetCustomerAsync(id, ct).ConfigureAwait(false);
                    var merged = change.Merge(current, client.Log);
                    return merged == null ? current : await client.UpdateCustomerAsync(id, merged, ct).ConfigureAwait(false);
                },
                result => { if (passThru) WriteObject(CustomerOutput.Create(result)); },
                ex => WriteApiError(ex, target));
        }

        private protected override string ProgressActivity => "Updating customers";

        private void UpdateAlone(CustomerChange change, object target)
        {
            try
            {
                var current = CallApi(ct => Client.GetCustomerAsync(change.Id, ct));
                var merged = change.Merge(current, Log);
                DrainLog();
                if (merged != null)
                {
                    // -WhatIf and the prompt show each field's current and new value.
                    string shown = CustomerInput.Target(change.Id, CustomerInput.DisplayName(current.Contact));
                    string changes = CustomerChange.Describe(current.Contact, merged);
                    if (!ShouldProcess($"Update customer {shown}:{changes}", $"Update customer {shown}?{changes}", "Update customer")) return;
                    current = CallApi(ct => Client.UpdateCustomerAsync(change.Id, merged, ct));
                }
                else if (WhatIfInEffect)
                {
                    // The record would send nothing: say so beside the other records' What if lines, with no prompt for it.
                    Host.UI.WriteLine($"What if: Update customer {CustomerInput.Target(change.Id, CustomerInput.DisplayName(current.Contact))}: " +
                        "no change, the customer already has these values.");
                }
                if (PassThru) WriteObject(CustomerOutput.Create(current));
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, target);
            }
        }
    }
}
