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
