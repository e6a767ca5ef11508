using System;
using System.Collections.Generic;
using SecuConnect.Models;

namespace SecuConnect.Api
{
    /// <summary>
    /// Builds the contact to send. PUT replaces the whole contact, so an update starts from the current record:
    /// a null value means "not given" (keep), an empty string clears, and so does a field named in the clear list.
    /// </summary>
    public static class ContactMerger
    {
        /// <summary>The contact for a create: empty strings are left out, like absent values.</summary>
        public static Contact Build(IReadOnlyDictionary<string, string> values) => Merge(null, values, null);

        /// <summary>
        /// Merges <paramref name="values"/> (field name to value) and <paramref name="clear"/> (field names) into a copy
        /// of <paramref name="current"/>. The server-computed name is dropped; an address left empty is removed.
        /// </summary>
        public static Contact Merge(Contact current, IReadOnlyDictionary<string, string> values, IEnumerable<string> clear)
        {
            var merged = current?.Clone() ?? new Contact();
            merged.Name = null;
            if (values != null)
            {
                foreach (var pair in values)
                {
                    if (pair.Value == null) continue;
                    var field = ContactFields.Find(pair.Key) ?? throw new ArgumentException($"Unknown contact field '{pair.Key}'.", nameof(values));
                    field.Set(merged, pair.Value.Length == 0 ? null : pair.Value);
                }
            }
            if (clear != null)
            {
                foreach (var name in clear)
                {
                    var field = ContactFields.Find(name) ?? throw new ArgumentException($"Unknown contact field '{name}'.", nameof(clear));
                    field.Set(merged, null);
                }
            }
            if (merged.Address != null && merged.Address.IsEmpty) merged.Address = null;
            return merged;
        }

        /// <summary>True when sending <paramref name="merged"/> would change nothing on <paramref name="current"/>.</summary>
        public static bool IsUnchanged(Contact current, Contact merged)
        {
            foreach (var field in ContactFields.All)
            {
                string a = field.Get(current);
                string b = field.Get(merged);
                if (field.Name == ContactFields.DateOfBirth)
                {
                    a = DateOfBirthParser.NormalizeWire(a);
                    b = DateOfBirthParser.NormalizeWire(b);
                }
                if (!string.Equals(string.IsNullOrEmpty(a) ? null : a, string.IsNullOrEmpty(b) ? null : b, StringComparison.Ordinal)) return false;
            }
            return true;
        }
    }
}
