using System.Linq;
using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Deletes payment customers.</para>
    /// Asks for confirmation (ConfirmImpact High) unless -Force or -Confirm:$false; -WhatIf sends no DELETE.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SecuCustomer", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Customer))]
    public sealed class RemoveSecuCustomerCommand : SecuBulkCmdlet
    {
        private protected override string RecordNoun => "customer";

        private protected override string ReadCommand => "Get-SecuCustomer";

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

        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Skips the confirmation prompt; never overrides -WhatIf.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                Remove(CustomerInput.IdOf(InputObject), "InputObject's Id", InputObject, CustomerInput.NameOf(InputObject));
                return;
            }
            foreach (var id in Id!) Remove(id.Trim(), "Id", id, null); // mandatory in this parameter set
        }

        private void Remove(string? id, string parameter, object? target, string? name)
        {
            if (!CustomerIds.IsValid(id))
            {
                ReportRejected(CustomerErrors.InvalidCustomerId(parameter, id, target));
                return;
            }
            string? city = target is PSObject record ? CityOf(record) : null;
            bool showsTarget = WillShowTarget;
            // A prompt or -WhatIf line comes after everything the earlier records wrote.
            if (showsTarget) CompleteAll();
            if (name == null && showsTarget) LookUp(id, out name, out city);
            if (!SkipsPrompt && !ShouldSend("Remove customer", id, Target(id, name, city))) return;
            bool passThru = PassThru;
            // -PassThru writes each removed customer as it was, also when the DELETE's answer is lost: a whole customer
            // from Get-SecuCustomer is that record already; for an id or a partial object it is read first.
            var given = (target as PSObject)?.BaseObject as Customer;
            bool readFirst = passThru && given == null;
            Submit(id, target, async (call, ct) =>
                {
                    var client = new SecuClient(call);
                    var before = readFirst ? await client.GetCustomerAsync(id, ct).ConfigureAwait(false) : null;
                    return await client.DeleteCustomerAsync(id, ct, before).ConfigureAwait(false);
                },
                deleted =>
                {
                    if (!passThru) return;
                    if (deleted != null) WriteObject(CustomerOutput.Create(deleted));
                    else if (given != null) WriteObject(given);
                }, CustomerResult.Describe);
        }

        private protected override string ProgressActivity => "Removing customers";

        /// <summary>True when -WhatIf or a prompt will show the target, so naming the customer is worth a read.</summary>
        private bool WillShowTarget => ConfirmationMayShow(ConfirmImpact.High) && !SkipsPrompt;

        /// <summary>-Force skips the prompt, but never -WhatIf nor an explicit -Confirm.</summary>
        private bool SkipsPrompt => Force && !WhatIfInEffect && !IsBound("Confirm");

        /// <summary>Reads the customer so the prompt or -WhatIf line can name it and its city.</summary>
        private void LookUp(string id, out string? name, out string? city)
        {
            try
            {
                var contact = CallApiWhileSending(ct => Client.GetCustomerAsync(id, ct)).Contact;
                name = CustomerInput.DisplayName(contact);
                city = contact?[CustomerFields.City];
            }
            catch (SecuApiException)
            {
                // The DELETE itself reports what is wrong with this id.
                name = null;
                city = null;
            }
        }

        private static string? CityOf(PSObject input)
        {
            if (input == null || input.BaseObject is string) return null;
            var value = input.Properties["City"]?.Value;
            string? text = value == null ? null : LanguagePrimitives.ConvertTo<string>(value);
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        /// <summary>"PCU_… (Ada Lovelace, London)": the id, then the name and city when known, so the user sees whom they delete.</summary>
        private static string Target(string id, string? name, string? city)
        {
            string detail = string.Join(", ", new[] { name, city }.Where(s => !string.IsNullOrEmpty(s)));
            return CustomerInput.Target(id, detail.Length == 0 ? null : detail);
        }

    }
}
