#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using SecuConnect.Core;

namespace SecuConnect.Containers
{
    /// <summary>The payment containers' names for -Filter, -Sort and -Property: the output properties with their API paths.</summary>
    internal sealed class ContainerQuery : IQueryFields
    {
        /// <summary>The query translator of Get-SecuPaymentContainer.</summary>
        public static readonly QueryTranslator Translator = new QueryTranslator(new ContainerQuery());

        // Output names (and the usual column names) with their API paths; the account's fields are the unmasked ones.
        private static readonly (string Name, string Path)[] Fields =
        {
            ("Id", "id"), ("CustomerId", "customer.id"), ("Type", "type"), ("Iban", "private.iban"), ("Bic", "private.bic"),
            ("Owner", "private.owner"), ("BankName", "private.bankname"), ("Purpose", "private.purpose"),
            ("MandateId", "mandate.sepa_mandate_id"), ("MandateReference", "mandate.identification"), ("MandateStatus", "mandate.status"),
            ("Created", "created"), ("Updated", "updated"), ("MerchantId", "merchant.id"), ("ContractId", "contract.id"),
        };

        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["accountholder"] = "private.owner", ["bankaccountowner"] = "private.owner", ["customer"] = "customer.id",
        };

        public IEnumerable<string> Names => Fields.Select(f => f.Name);

        public string Description => "a payment container property";

        public string ExamplePath => "private.owner";

        public string? PathOf(string name)
        {
            string key = Normalize(name);
            foreach (var field in Fields)
                if (Normalize(field.Name) == key) return field.Path;
            return Aliases.TryGetValue(key, out var path) ? path : null;
        }

        public string? ExactDay(string path, string value) => null;

        /// <summary>A name without case, spaces, hyphens and underscores: "Customer Id", "customer_id" and "CustomerId" are one.</summary>
        public static string Normalize(string name) =>
            new string(name.Where(c => c != ' ' && c != '-' && c != '_').ToArray()).ToLowerInvariant();
    }
}
