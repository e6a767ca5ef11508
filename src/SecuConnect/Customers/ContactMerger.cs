using System;
using System.Collections.Generic;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Customers
{
    /// <summary>
    /// Builds the contact to send. PUT replaces the whole contact, so an update starts from the current record,
    /// members the module does not model included: a null value means "not given" (keep), an empty string clears,
    /// and so does a field named in the clear list.
    /// </summary>
    internal static class ContactMerger
    {
        /// <summary>
        /// Merges <paramref name="values"/> (wire text by field index) and <paramref name="clear"/> into a copy of
        /// <paramref name="current"/>. The server-computed name is dropped.
        /// </summary>
        public static Contact Merge(Contact? current, string?[]? values, IEnumerable<CustomerField>? clear)
        {
            var merged = current?.Clone() ?? new Contact();
            merged.Name = null;
            if (values != null)
            {
                foreach (var field in CustomerFields.All)
                {
                    string? v = values[field.Index];
                    // Given values are trimmed; a stored value that differs only by surrounding whitespace stays as
                    // stored, so re-importing an export of such a customer sends nothing new.
                    if (v == null || (v.Length > 0 && merged[field]?.Trim() == v)) continue;
                    merged[field] = v.Length == 0 ? null : v;
                }
            }
            if (clear != null)
            {
                foreach (var field in clear) merged[field] = null;
            }
            return merged;
        }

        /// <summary>True when sending <paramref name="merged"/> would change no field of <paramref name="current"/>.</summary>
        public static bool IsUnchanged(Contact? current, Contact? merged)
        {
            foreach (var field in CustomerFields.All)
            {
                if (!SameWire(field, current?[field], merged?[field])) return false;
            }
            return true;
        }

        /// <summary>True when two wire values mean the same: empty is absent, dates compare by their date.</summary>
        public static bool SameWire(CustomerField field, string? a, string? b)
        {
            if (string.IsNullOrEmpty(a)) a = null;
            if (string.IsNullOrEmpty(b)) b = null;
            if (field.Kind == FieldKind.Date)
            {
                a = a == null ? null : DateOfBirthParser.NormalizeWire(a);
                b = b == null ? null : DateOfBirthParser.NormalizeWire(b);
            }
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }
}
