using System.Text.RegularExpressions;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    internal static class CustomerIds
    {
        public const string Prefix = "PCU_";
        public const string Pattern = @"\APCU_[A-Z0-9]{30}\z";
        private static readonly Regex Regex = new Regex(Pattern, RegexOptions.CultureInvariant);

        /// <summary>A customer id is PCU_ followed by 30 of [A-Z0-9]; anything else cannot exist, so it is never sent.</summary>
        public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) => id != null && Regex.IsMatch(id);
    }
}
