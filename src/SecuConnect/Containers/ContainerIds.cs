#nullable enable
using System.Text.RegularExpressions;

namespace SecuConnect.Containers
{
    internal static class ContainerIds
    {
        public const string Prefix = "PCT_";
        private static readonly Regex Regex = new Regex(@"\APCT_[A-Z0-9]{30}\z", RegexOptions.CultureInvariant);

        /// <summary>A container id is PCT_ followed by 30 of [A-Z0-9]; anything else cannot exist, so it is never sent.</summary>
        public static bool IsValid(string? id) => id != null && Regex.IsMatch(id);
    }
}
