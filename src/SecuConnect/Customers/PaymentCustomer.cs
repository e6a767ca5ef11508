using Newtonsoft.Json.Linq;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>A payment customer as the API returns it. Timestamps stay strings here; Output types them.</summary>
    internal sealed class PaymentCustomer
    {
        public string? Object { get; set; }
        public string? Id { get; set; }
        public ProductInstanceUid? Contract { get; set; }
        public ProductInstanceUid? Merchant { get; set; }
        public Contact? Contact { get; set; }
        public string? Created { get; set; }
        public string? Updated { get; set; }

        /// <summary>
        /// The members that came in a shape the model does not expect, for the one warning per run; null when none. A
        /// field, so the reader can pass it by reference.
        /// </summary>
        public ShapeNotes? Shapes;

        /// <summary>Top-level members the module does not model: kept on the output object, never sent.</summary>
        public JObject? Unknown { get; set; }
    }
}
