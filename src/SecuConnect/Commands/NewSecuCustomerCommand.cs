using System;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Models;
using SecuConnect.Output;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a payment customer.</para>
    /// Every field binds from the pipeline by property name, so Import-Csv | New-SecuCustomer works with the
    /// parameter names or the API's snake_case names. -Contact takes a whole contact in the API's shape.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecuCustomer", DefaultParameterSetName = FieldsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Customer))]
    public sealed class NewSecuCustomerCommand : SecuBulkCmdlet
    {
        public const string FieldsSet = "Fields";
        public const string ContactSet = "Contact";

        /// <summary>The whole contact as a hashtable or object in the API's shape (forename, email, address.city, ...).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ContactSet)]
        [ValidateNotNull]
        public object Contact { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FirstName")]
        public string Forename { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("LastName")]
        public string Surname { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Company")]
        public string CompanyName { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Salutation { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Gender { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Title { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Email { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Phone { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Mobile { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Fax { get; set; }

        /// <summary>A [datetime] or a string (ISO yyyy-MM-dd, then the culture's exact date patterns); typed object so parsing stays strict.</summary>
        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Dob")]
        public object DateOfBirth { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Picture { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("url_website", "Url")]
        public string Website { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Birthplace { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Nationality { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string Street { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("street_number")]
        public string StreetNumber { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("postal_code", "Zip", "ZipCode")]
        public string PostalCode { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        public string City { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CountryCompleter))]
        public string Country { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("additional_address_data")]
        public string AdditionalAddressData { get; set; }

        [Parameter(ParameterSetName = FieldsSet, ValueFromPipelineByPropertyName = true)]
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

        protected override void ProcessRecord()
        {
            Contact contact;
            // The TargetObject of this record's errors, built only when one is written.
            Func<object> target;
            if (ParameterSetName == ContactSet)
            {
                object input = Contact;
                target = () => input;
                contact = CustomerInput.ContactFromObject(Contact, out string problem);
                if (contact == null)
                {
                    WriteError(Errors.Argument("InvalidContact", problem, Contact));
                    return;
                }
            }
            else
            {
                var values = SnapshotFields();
                target = () => CustomerInput.ToTarget(values);
                if (!CustomerInput.TryToWire(values, out var wire, out object badDate))
                {
                    WriteError(Errors.InvalidDateOfBirth(badDate, target()));
                    return;
                }
                contact = ContactMerger.Build(wire);
            }

            // A record with no usable field (say a CSV whose headers match no parameter) would create an empty customer.
            if (ContactMerger.IsUnchanged(new Contact(), contact))
            {
                WriteError(Errors.Argument("NoCustomerFields",
                    "This record gives no contact field, so it would create an empty customer. Give at least one field such as -Forename, -Surname, -CompanyName or -Email " +
                    "(CSV headers must match the parameter names or their aliases). No request was sent.", target()));
                return;
            }

            string name = CustomerInput.DisplayName(contact) ?? "customer without name";
            if (!ShouldProcess(name, "Create customer")) return;

            // A POST is never re-sent when its outcome is unknown, so running creates side by side never creates one twice.
            Submit<PaymentCustomer>(null, (client, ct) => client.CreateCustomerAsync(contact, ct),
                created => WriteObject(CustomerOutput.Create(created)),
                ex => WriteApiError(ex, target()));
        }

        protected override string ProgressActivity => "Creating customers";
    }
}
