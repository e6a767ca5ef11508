using System;
using System.Collections.Generic;
using System.Text;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>
    /// The customer's writable fields: the one table the JSON reader and writer, the output objects, the merge of
    /// Set-SecuCustomer, input matching, Debug masking and completion all read. The fields themselves (and
    /// <see cref="All"/>) are written by the field generator from CustomerFields.table, which declares each field once
    /// for every place that needs it (parameters, output properties, the format view).
    /// </summary>
    internal static partial class CustomerFields
    {
        public static int Count => All.Count;

        /// <summary>The server-computed contact member (forename + surname): read, shown as Name, never sent.</summary>
        public const string ContactNameWire = "name";

        /// <summary>The contact member that holds the address.</summary>
        public const string AddressWire = "address";

        public static IEnumerable<string> Names
        {
            get { foreach (var f in All) yield return f.Name; }
        }

        /// <summary>
        /// Finds a field by name, alias or API path (forename, contact.address.city), ignoring case, spaces, hyphens,
        /// underscores and dots, so CSV headers such as "First Name", "e-mail" or "postal_code" match.
        /// </summary>
        public static CustomerField? Find(string name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            return Lookup.ByKey.TryGetValue(Normalize(name), out var field) ? field : null;
        }

        /// <summary>A name without case, spaces, hyphens, underscores and dots: the key input names are matched by.</summary>
        public static string Normalize(string name)
        {
            var sb = new StringBuilder(name.Length);
            foreach (char ch in name)
            {
                if (ch == ' ' || ch == '-' || ch == '_' || ch == '.' || ch == '\t') continue;
                sb.Append(char.ToLowerInvariant(ch));
            }
            return sb.ToString();
        }

        /// <summary>The field with this wire name in the contact (or, with <paramref name="inAddress"/>, its address); exact case first.</summary>
        public static CustomerField? FromWire(string wireName, bool inAddress)
        {
            var exact = inAddress ? Lookup.AddressWireExact : Lookup.ContactWireExact;
            if (exact.TryGetValue(wireName, out var field)) return field;
            return (inAddress ? Lookup.AddressWireCaseless : Lookup.ContactWireCaseless).TryGetValue(wireName, out field) ? field : null;
        }

        // The lookups, built from All on first use. A nested class, as the generated part of this class declares the
        // fields and All: C# leaves the order of static initializers across partial declarations open.
        private static class Lookup
        {
            public static readonly Dictionary<string, CustomerField> ByKey = BuildIndex();

            // Wire names per level, looked up for every member of every customer read: exact first, then ignoring case.
            public static readonly Dictionary<string, CustomerField> ContactWireExact = WireIndex(false, StringComparer.Ordinal);
            public static readonly Dictionary<string, CustomerField> AddressWireExact = WireIndex(true, StringComparer.Ordinal);
            public static readonly Dictionary<string, CustomerField> ContactWireCaseless = WireIndex(false, StringComparer.OrdinalIgnoreCase);
            public static readonly Dictionary<string, CustomerField> AddressWireCaseless = WireIndex(true, StringComparer.OrdinalIgnoreCase);
        }

        private static Dictionary<string, CustomerField> WireIndex(bool inAddress, StringComparer comparer)
        {
            var index = new Dictionary<string, CustomerField>(comparer);
            foreach (var f in All)
                if (f.InAddress == inAddress) index[f.WireName] = f;
            return index;
        }

        private static Dictionary<string, CustomerField> BuildIndex()
        {
            var index = new Dictionary<string, CustomerField>(StringComparer.Ordinal);
            foreach (var f in All)
            {
                foreach (var key in new[] { f.Name, f.WireName, f.WirePath })
                {
                    if (key == f.WireName && !f.WireNameIsInputName) continue;
                    index[Normalize(key)] = f;
                }
            }
            // Aliases last, each checked: one normalized name must never mean two fields.
            foreach (var f in All)
            {
                foreach (var alias in f.Aliases)
                {
                    string key = Normalize(alias);
                    if (index.TryGetValue(key, out var other) && other != f)
                        throw new InvalidOperationException($"The alias {alias} of {f.Name} also names {other.Name}.");
                    index[key] = f;
                }
            }
            return index;
        }
    }
}
