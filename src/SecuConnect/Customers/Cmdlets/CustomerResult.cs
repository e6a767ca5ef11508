using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>How a bulk run names a customer it could not write: "customer PCU_… (Ada Lovelace)".</summary>
    internal static class CustomerResult
    {
        /// <summary>The customer's id (else <paramref name="key"/>, the id the record gave) and its name when it has one.</summary>
        public static string Describe(PaymentCustomer? customer, string? key)
        {
            string? name = customer?.Contact?.Name;
            return $"customer {customer?.Id ?? key}" + (string.IsNullOrEmpty(name) ? string.Empty : $" ({name})");
        }
    }
}
