using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>The customer resource's own refusals, built on the core's argument error.</summary>
    internal static class CustomerErrors
    {
        /// <summary>
        /// Why a date of birth after today is refused: a date written in another calendar (a Thai Buddhist year is 543
        /// ahead) or a typo, which the API would store as given.
        /// </summary>
        public static string FutureDateMessage(string what, System.DateTime date) =>
            $"Cannot use {what}: it reads as {DateOfBirthParser.ToWire(date)}, a date after today. A date written in another calendar " +
            "(a Thai Buddhist year runs 543 years ahead) reads as that year; write the date as yyyy-MM-dd. No request was sent.";

        /// <summary>
        /// A customer id that cannot exist, so nothing is sent; a piped record without an id is told why it names no
        /// customer (its properties, a CSV delimiter hint).
        /// </summary>
        public static ErrorRecord InvalidCustomerId(string parameter, object? id, object? target)
        {
            if (string.IsNullOrEmpty(id as string) && target is PSObject record && !(record.BaseObject is string))
                return Errors.Argument(ErrorIds.InvalidCustomerId, CustomerInput.NoIdMessage(record), target);
            string shown = id == null ? "$null" : "'" + id + "'";
            string message = $"Cannot use {shown} as -{parameter}: a customer id is PCU_ followed by 30 characters A-Z or 0-9 (for example PCU_3BBSV6C702NCA4HR70ZAVCAX3R6CAW). No request was sent.";
            return Errors.Argument(ErrorIds.InvalidCustomerId, message, target);
        }
    }
}
