using System;
using System.Globalization;
using System.Management.Automation;

namespace SecuConnect.Commands
{
    /// <summary>How every cmdlet reads a value the user gave: the object behind PowerShell's wrapper, and its text.</summary>
    internal static class InputValues
    {
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull("value")]
        public static object? Unwrap(object? value) => value is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : value;

        /// <summary>
        /// The instant a given timestamp names: a DateTimeOffset, a DateTime (an unspecified kind read as UTC), or a
        /// DateTimeOffset after Export-Clixml/Import-Clixml or a job (a property bag, its UtcDateTime kept); null for
        /// anything else, text included.
        /// </summary>
        public static DateTimeOffset? Instant(object? value)
        {
            switch (Unwrap(value))
            {
                case DateTimeOffset dto:
                    return dto;
                case DateTime dt:
                    return new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt);
                case PSObject bag when bag.Properties["UtcDateTime"]?.Value is DateTime utc:
                    return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
                default:
                    return null;
            }
        }

        /// <summary>The value as text: strings as they are, numbers and dates in the invariant culture.</summary>
        public static string? ToText(object? value)
        {
            value = Unwrap(value);
            if (value == null) return null;
            if (value is string s) return s;
            return LanguagePrimitives.ConvertTo<string>(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value);
        }
    }
}
