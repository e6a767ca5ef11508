using System;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a payment customer.</para>
    /// A piped record binds whole to -InputObject, whose properties are matched to the fields (parameter names, their
    /// aliases, the API's snake_case names, other spellings), so Import-Csv | New-SecuCustomer works with any of them.
    /// -Contact takes a whole contact in the API's shape.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecuCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Customer))]
    public sealed class NewSecuCustomerCommand : CustomerFieldsCmdlet
    {
        /// <summary>A whole contact as a hashtable or object in the API's shape (forename, email, address.city, ...); field parameters override its values.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Contact { get; set; }

        /// <summary>A record (CSV row, hashtable, object) whose properties are matched to the fields by name.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        // The position of the record in the input, 1 for the first, to name it in Verbose without personal data.
        private int _position;

        protected override void ProcessRecord()
        {
            _position++;
            var values = RecordFields(InputObject, false, out _, out var readOnly);
            // The TargetObject of this record's errors, built only when one is written.
            // Taken now: by the time a call fails, the parameters hold a later record.
            object? given = Contact, record = InputObject;
            Func<object> target = () => record ?? given ?? CustomerInput.ToTarget(values);
            var unsendable = RecordError(target());
            if (unsendable != null)
            {
                ReportRejected(unsendable);
                return;
            }
            Contact? basis = null;
            if (Contact != null)
            {
                basis = CustomerInput.ContactFromObject(Contact, out string? problem);
                if (basis == null)
                {
                    ReportRejected(Errors.Argument(ErrorIds.InvalidContact, problem!, Contact)); // a contact it cannot read comes with the reason
                    return;
                }
                var bad = CustomerInput.CheckContact(basis, Contact, Contact);
                if (bad != null)
                {
                    ReportRejected(bad);
                    return;
                }
            }
            var invalid = CustomerInput.ToWire(values, target(), out var wire, out var unsettled);
            if (invalid != null)
            {
                ReportRejected(invalid);
                return;
            }
            if (unsettled != null)
            {
                // A new customer has no stored date to settle it: never guess.
                ReportRejected(Errors.Argument(ErrorIds.InvalidDateOfBirth, unsettled.Message, target()));
                return;
            }
            var contact = ContactMerger.Merge(basis, wire, null);
            var notSplit = readOnly.NameNotSplit(contact, target());
            if (notSplit != null)
            {
                ReportRejected(notSplit);
                return;
            }
            ReportReadOnly(readOnly, contact);

            // A record with no usable field (say a CSV whose headers match no field) would create an empty customer.
            if (contact.IsEmpty)
            {
                ReportRejected(Errors.Argument(ErrorIds.NoCustomerFields,
                    "This record gives no contact field, so it would create an empty customer. Give at least one field such as -Forename, -Surname, -CompanyName or -Email " +
                    "(input columns match the field names, their aliases or the API's names). No request was sent.", target()));
                return;
            }

            // Verbose names the record by its position (no id yet); -WhatIf and the prompt show the fields that would be sent.
            string name = CustomerInput.DisplayName(contact) ?? "customer without name";
            if (!ShouldSend("Create customer", "record " + _position.ToString(System.Globalization.CultureInfo.InvariantCulture), name, () => CustomerChange.Describe(contact))) return;

            // A POST is never re-sent when its outcome is unknown, so running creates side by side never creates one twice.
            Submit<PaymentCustomer>(null, target(), (call, ct) => new SecuClient(call).CreateCustomerAsync(contact, ct),
                created => WriteObject(CustomerOutput.Create(created)), CustomerResult.Describe);
        }

        private protected override string ProgressActivity => "Creating customers";

        private bool _namedExportColumns;
        private bool _warnedName;

        /// <summary>
        /// The module's own export columns (Id, Created, a Name that matches the contact, ...) are left out with one
        /// Verbose line per run, so restoring a backup stays quiet; a Name that says something else gets a warning.
        /// </summary>
        private void ReportReadOnly(ReadOnlyInput readOnly, Contact contact)
        {
            if (readOnly.IsEmpty) return;
            bool nameDiffers = readOnly.NameDiffers(contact);
            if (nameDiffers && !_warnedName)
            {
                _warnedName = true;
                WriteWarning("The input's Name was not sent: the API computes Name from Forename and Surname, and a record's Name differs from them. " +
                    "Set Forename and Surname instead. (Shown once per run.)");
            }
            var left = readOnly.Names.Where(n => !(nameDiffers && n == "Name")).ToArray();
            if (left.Length > 0 && !_namedExportColumns)
            {
                _namedExportColumns = true;
                WriteVerbose($"Left out the input's {string.Join(", ", left)}: the API sets them, and a created customer gets its own " +
                    "(this line is written once per run).");
            }
        }
    }
}
