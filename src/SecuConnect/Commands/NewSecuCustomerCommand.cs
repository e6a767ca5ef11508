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
    /// parameter names, their aliases or the API's snake_case names. -Contact takes a whole contact in the API's shape.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecuCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Customer))]
    public sealed class NewSecuCustomerCommand : CustomerFieldsCmdlet
    {
        /// <summary>A whole contact as a hashtable or object in the API's shape (forename, email, address.city, ...); field parameters override its values.</summary>
        [Parameter]
        [ValidateNotNull]
        public object Contact { get; set; }

        /// <summary>A record (CSV row, hashtable, object) whose properties are matched to the fields by name.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var values = RecordFields(InputObject, false, out _);
            // The TargetObject of this record's errors, built only when one is written.
            // Taken now: by the time a call fails, the parameters hold a later record.
            object given = Contact, record = InputObject;
            Func<object> target = () => record ?? given ?? CustomerInput.ToTarget(values);
            if (RecordProblem != null)
            {
                WriteError(Errors.Argument("InvalidCountry", RecordProblem, target(), Errors.CountryAdvice));
                return;
            }
            Contact basis = null;
            if (Contact != null)
            {
                basis = CustomerInput.ContactFromObject(Contact, out string problem);
                if (basis == null)
                {
                    WriteError(Errors.Argument("InvalidContact", problem, Contact));
                    return;
                }
            }
            if (!CustomerInput.TryToWire(values, out var wire, out var ambiguous, out object badDate))
            {
                WriteError(Errors.InvalidDateOfBirth(badDate, target()));
                return;
            }
            if (ambiguous != null)
            {
                // A new customer has no stored date to settle it: never guess.
                WriteError(Errors.Argument("InvalidDateOfBirth", ambiguous.Message, target()));
                return;
            }
            var contact = ContactMerger.Merge(basis, wire, null);

            // A record with no usable field (say a CSV whose headers match no field) would create an empty customer.
            if (contact.IsEmpty)
            {
                WriteError(Errors.Argument("NoCustomerFields",
                    "This record gives no contact field, so it would create an empty customer. Give at least one field such as -Forename, -Surname, -CompanyName or -Email " +
                    "(input columns match the field names, their aliases or the API's names). No request was sent.", target()));
                return;
            }

            string name = CustomerInput.DisplayName(contact) ?? "customer without name";
            if (ConfirmationMayShow(ConfirmImpact.Low))
            {
                // -WhatIf and the prompt show the fields that would be sent; the text is built only when it can show.
                string fields = CustomerChange.Describe(contact);
                if (!ShouldProcess($"Create customer {name}:{fields}", $"Create customer {name}?{fields}", "Create customer")) return;
            }
            else if (!ShouldProcess(name, "Create customer")) return;

            // A POST is never re-sent when its outcome is unknown, so running creates side by side never creates one twice.
            Submit<PaymentCustomer>(null, (client, ct) => client.CreateCustomerAsync(contact, ct),
                created => WriteObject(CustomerOutput.Create(created)),
                ex => WriteApiError(ex, target()));
        }

        private protected override string ProgressActivity => "Creating customers";
    }
}
