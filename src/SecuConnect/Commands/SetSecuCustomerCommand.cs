using System;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Models;
using SecuConnect.Output;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates a payment customer, changing only the fields given.</para>
    /// The API replaces the whole contact, so each record is merged into the current customer: fields not given
    /// keep their values, an empty string or -Clear clears, $null never clears.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SecuCustomer", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Customer))]
    public sealed class SetSecuCustomerCommand : SecuBulkCmdlet
    {
        public const string IdSet = "Id";
        public const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public string Id { get; set; }

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

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FirstName")]
        public string Forename { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("LastName")]
        public string Surname { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Company")]
        public string CompanyName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Salutation { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Gender { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Title { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Phone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Mobile { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Fax { get; set; }

        /// <summary>A [datetime] or a string (ISO yyyy-MM-dd, then the culture's exact date patterns); typed object so parsing stays strict.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Dob")]
        public object DateOfBirth { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Picture { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("url_website", "Url")]
        public string Website { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Birthplace { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Nationality { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Street { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("street_number")]
        public string StreetNumber { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("postal_code", "Zip", "ZipCode")]
        public string PostalCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CountryCompleter))]
        public string Country { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("additional_address_data")]
        public string AdditionalAddressData { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("address_type", "Type")]
        public string AddressType { get; set; }

        /// <summary>The field parameters as this record gave them (null = not given); read per record, never from BoundParameters.</summary>
        private FieldValues SnapshotFields() => new FieldValues
        {
            ["Forename"] = Forename, ["Surname"] = Surname, ["CompanyName"] = CompanyName, ["Salutation"] = Salutation,
            ["Gender"] = Gender, ["Title"] = Title, ["Email"] = Email, ["Phone"] = Phone, ["Mobile"] = Mobile, ["Fax"] = Fax,
            ["DateOfBirth"] = DateOfBirth, ["Picture"] = Picture, ["Website"] = Website, ["Birthplace"] = Birthplace,
            ["Nationality"] = Nationality, ["Street"] = Street, ["StreetNumber"] = StreetNumber, ["PostalCode"] = PostalCode,
            ["City"] = City, ["Country"] = Country, ["AdditionalAddressData"] = AdditionalAddressData, ["AddressType"] = AddressType,
        };

        protected override void BeginProcessing()
        {
            if (Clear != null)
            {
                var unknown = Clear.Where(n => ContactFields.Find(n) == null).ToArray();
                if (unknown.Length > 0)
                {
                    ThrowTerminatingError(Errors.Argument("InvalidClearField",
                        $"Cannot clear {string.Join(", ", unknown.Select(n => "'" + n + "'"))}: -Clear takes field names: {string.Join(", ", ContactFields.Names)}.",
                        Clear));
                }
            }
            // Before pipeline input, BoundParameters holds only what the command line gave: a field both set and cleared there is a mistake.
            var both = (Clear ?? new string[0]).Select(n => ContactFields.Find(n).Name).Where(IsBound).ToArray();
            if (both.Length > 0)
            {
                ThrowTerminatingError(Errors.Argument("ConflictingFieldValue",
                    $"-Clear names {string.Join(", ", both)}, which the command also sets with -{both[0]}. Give one or the other.", Clear));
            }
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            object target = ParameterSetName == InputObjectSet ? (object)InputObject : Id;
            string id = ParameterSetName == InputObjectSet ? CustomerInput.IdOf(InputObject) : Id;
            if (!CustomerIds.IsValid(id))
            {
                WriteError(Errors.InvalidCustomerId(ParameterSetName == InputObjectSet ? "InputObject's Id" : "Id", id, target));
                return;
            }

            var values = SnapshotFields();
            if (ParameterSetName == InputObjectSet) CustomerInput.FillFromObject(values, InputObject);
            if (!CustomerInput.TryToWire(values, out var wire, out object badDate))
            {
                WriteError(Errors.InvalidDateOfBirth(badDate, target));
                return;
            }
            // -Clear wins over a value the piped record carries for the same field (a customer piped in has them all).
            var clear = (Clear ?? new string[0]).Select(n => ContactFields.Find(n).Name).ToArray();
            foreach (var name in clear) wire.Remove(name);

            if (ConfirmationMayShow(ConfirmImpact.Medium))
            {
                // -WhatIf and prompts name the customer as it is now, so the record is read first and runs alone.
                CompleteAll();
                UpdateOneByOne(id, wire, clear, target);
                return;
            }

            string knownName = ParameterSetName == InputObjectSet ? CustomerInput.NameOf(InputObject) : null;
            if (!ShouldProcess(CustomerInput.Target(id, knownName), "Update customer")) return;
            bool passThru = PassThru;
            Submit(id, async (client, ct) =>
                {
                    // GET, merge and PUT for this record run together; Submit keeps records for one id in order.
                    var current = await client.GetCustomerAsync(id, ct).ConfigureAwait(false);
                    var merged = ContactMerger.Merge(current.Contact, wire, clear);
                    if (ContactMerger.IsUnchanged(current.Contact, merged))
                    {
                        client.Log.Verbose($"Customer {id}: nothing to change.");
                        return current;
                    }
                    return await client.UpdateCustomerAsync(id, merged, ct).ConfigureAwait(false);
                },
                result => { if (passThru) WriteObject(CustomerOutput.Create(result)); },
                ex => WriteApiError(ex, target));
        }

        protected override string ProgressActivity => "Updating customers";

        private void UpdateOneByOne(string id, System.Collections.Generic.Dictionary<string, string> wire, string[] clear, object target)
        {
            try
            {
                var current = Run(ct => Client.GetCustomerAsync(id, ct));
                var merged = ContactMerger.Merge(current.Contact, wire, clear);
                if (ContactMerger.IsUnchanged(current.Contact, merged))
                {
                    WriteVerbose($"Customer {id}: nothing to change.");
                    if (PassThru) WriteObject(CustomerOutput.Create(current));
                    return;
                }
                if (!ShouldProcess(CustomerInput.Target(id, CustomerInput.DisplayName(current.Contact)), "Update customer")) return;
                var updated = Run(ct => Client.UpdateCustomerAsync(id, merged, ct));
                if (PassThru) WriteObject(CustomerOutput.Create(updated));
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, target);
            }
        }
    }
}
