#nullable enable
using System;
using System.Collections.Generic;
using System.Management.Automation;
using Newtonsoft.Json;
using SecuConnect.Containers;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>Shapes a container as the API answered it into the <see cref="PaymentContainer"/> the cmdlets write.</summary>
    internal static class ContainerOutput
    {
        /// <summary>The type name of the objects a -Property listing writes: only the fetched properties.</summary>
        public const string PartialTypeName = "SecuConnect.PartialPaymentContainer";

        public static PaymentContainer Create(ContainerRecord record) =>
            new PaymentContainer(record, EmbeddedCustomer(record))
            {
                AdditionalProperties = record.Unknown == null ? null : PowerShellJson.ToPowerShell(record.Unknown),
            };

        /// <summary>
        /// The linked customer, read by the customers' own model reader; null when none is embedded, or when it cannot
        /// be read (its JSON stays on the record, and the container's read never fails over it).
        /// </summary>
        private static Customer? EmbeddedCustomer(ContainerRecord record)
        {
            if (record.Customer == null) return null;
            try
            {
                using (var reader = record.Customer.CreateReader())
                {
                    reader.Read();
                    var customer = ModelJson.ReadCustomer(reader);
                    return customer == null || string.IsNullOrEmpty(customer.Id) ? null : CustomerOutput.Create(customer);
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException)
            {
                return null;
            }
        }

        /// <summary>A container from a -Property listing: the id and only the fetched properties, under a type name of its own.</summary>
        public static PSObject CreatePartial(ContainerRecord record, IReadOnlyList<string> properties)
        {
            var source = PSObject.AsPSObject(Create(record));
            var o = new PSObject();
            o.TypeNames.Insert(0, PartialTypeName);
            o.Properties.Add(new PSNoteProperty("Id", record.Id));
            foreach (var name in properties)
            {
                if (string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase) || o.Properties[name] != null) continue;
                var p = source.Properties[name];
                o.Properties.Add(new PSNoteProperty(p?.Name ?? name, p?.Value ?? PowerShellJson.ToPowerShell(record.Raw.SelectToken(name))));
            }
            return o;
        }
    }
}
