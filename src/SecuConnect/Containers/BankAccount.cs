#nullable enable
using Newtonsoft.Json.Linq;

namespace SecuConnect.Containers
{
    /// <summary>
    /// The account data a create or an update sends (the API's <c>private</c> part) and the customer it links to.
    /// Null means not given: on an update the stored value stays; an empty Bic or Purpose clears it.
    /// </summary>
    internal sealed class BankAccount
    {
        public string? Iban { get; set; }
        public string? Bic { get; set; }
        public string? Owner { get; set; }
        public string? Purpose { get; set; }
        public string? CustomerId { get; set; }

        /// <summary>The body of a create: {"type":"bank_account","private":{...},"customer":{"id":...}}.</summary>
        public string CreateBody()
        {
            var account = new JObject();
            Put(account, "iban", Iban);
            Put(account, "bic", Bic);
            Put(account, "owner", Owner);
            Put(account, "purpose", Purpose);
            return Body(ContainerResource.BankAccountType, account, CustomerId);
        }

        /// <summary>
        /// The body of an update: the stored <c>private</c> part (members the module does not model included) with this
        /// change applied; the customer only when the link changes (a body without one keeps the link).
        /// </summary>
        public string UpdateBody(ContainerRecord current)
        {
            var account = (JObject)current.Private!.DeepClone();
            // The server's bank name follows the BIC: it is not the caller's to send.
            account.Remove("bankname");
            Apply(account, "bic", Bic);
            Apply(account, "owner", Owner);
            Apply(account, "purpose", Purpose);
            string? link = CustomerId != null && CustomerId != current.CustomerId ? CustomerId : null;
            // The type goes back as it came, also in a shape the module did not expect.
            var type = current.Raw["type"] is JToken t && t.Type != JTokenType.Null ? t.DeepClone() : ContainerResource.BankAccountType;
            return Body(type, account, link);
        }

        private static string Body(JToken type, JObject account, string? customerId)
        {
            var body = new JObject { ["type"] = type, ["private"] = account };
            if (!string.IsNullOrEmpty(customerId)) body["customer"] = new JObject { ["id"] = customerId };
            return body.ToString(Newtonsoft.Json.Formatting.None);
        }

        private static void Put(JObject o, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) o[name] = value;
        }

        private static void Apply(JObject o, string name, string? value)
        {
            if (value == null) return;
            if (value.Length == 0) o.Remove(name);
            else o[name] = value;
        }

        /// <summary>True when <paramref name="current"/> holds this change already (a read after a lost answer).</summary>
        public bool IsStoredIn(ContainerRecord current) =>
            Same(Bic, current.Bic) && Same(Owner, current.Owner) && Same(Purpose, current.Purpose) &&
            (CustomerId == null || CustomerId == current.CustomerId);

        private static bool Same(string? given, string? stored) =>
            given == null || (given.Length == 0 ? string.IsNullOrEmpty(stored) : string.Equals(given, stored, System.StringComparison.Ordinal));
    }
}
