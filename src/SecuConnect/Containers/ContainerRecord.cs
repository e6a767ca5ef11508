#nullable enable
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

namespace SecuConnect.Containers
{
    /// <summary>
    /// A payment container as the API answered it, read tolerantly: the answer is kept whole (<see cref="Raw"/>), so a
    /// member the module does not model, or a modelled one in a shape it did not expect, goes back unchanged on an
    /// update; the modelled values are read where their shape allows and are null otherwise. An answer counts as a
    /// container when it has <c>object</c> and <c>id</c>.
    /// </summary>
    internal sealed class ContainerRecord
    {
        // The members the output models; any other top-level member is kept as AdditionalProperties.
        private static readonly HashSet<string> Modelled = new HashSet<string>
        {
            "object", "id", "created", "updated", "merchant", "contract", "customer", "type", "public", "private", "mandate",
        };

        private ContainerRecord(JObject raw)
        {
            Raw = raw;
            Object = Text(raw["object"]);
            Id = Text(raw["id"]);
            Type = Text(raw["type"]);
            Created = Text(raw["created"]);
            Updated = Text(raw["updated"]);
            MerchantId = Uid(raw["merchant"]);
            ContractId = Uid(raw["contract"]);
            CustomerId = Uid(raw["customer"]);
            var customer = raw["customer"] as JObject;
            // A linked customer comes whole; one named only by object and id is just the link.
            Customer = customer != null && customer.Count > 2 && customer["id"]?.Type == JTokenType.String ? customer : null;
            Private = raw["private"] as JObject;
            IsMasked = Private == null;
            var account = Private ?? raw["public"] as JObject;
            Iban = Text(account?["iban"]);
            Bic = Text(account?["bic"]);
            Owner = Text(account?["owner"]);
            BankName = Text(account?["bankname"]);
            Purpose = Text(account?["purpose"]);
            var mandate = raw["mandate"] as JObject;
            MandateId = Text(mandate?["sepa_mandate_id"]);
            MandateReference = Text(mandate?["identification"]);
            MandateStatus = Text(mandate?["status"]);
            foreach (var member in raw.Properties())
            {
                if (Modelled.Contains(member.Name)) continue;
                (Unknown ??= new JObject()).Add(member.Name, member.Value.DeepClone());
            }
        }

        /// <summary>The answer as it came.</summary>
        public JObject Raw { get; }

        public string? Object { get; }
        public string? Id { get; }
        public string? Type { get; }
        public string? Created { get; }
        public string? Updated { get; }
        public string? MerchantId { get; }
        public string? ContractId { get; }
        public string? CustomerId { get; }

        /// <summary>The linked customer as the API embeds it (the whole customer), or null.</summary>
        public JObject? Customer { get; }

        /// <summary>The unmasked account data; null for a client that may see only the masked <c>public</c> part.</summary>
        public JObject? Private { get; }

        /// <summary>True when the answer held no <c>private</c> part: the account data is the masked <c>public</c> one.</summary>
        public bool IsMasked { get; }

        public string? Iban { get; }
        public string? Bic { get; }
        public string? Owner { get; }
        public string? BankName { get; }
        public string? Purpose { get; }
        public string? MandateId { get; }
        public string? MandateReference { get; }
        public string? MandateStatus { get; }

        /// <summary>Top-level members the module does not model; null when none.</summary>
        public JObject? Unknown { get; }

        /// <summary>True for what the API answers for a container: a payment.containers object with an id.</summary>
        public bool IsContainer => !string.IsNullOrEmpty(Id) && Object == ContainerResource.ObjectName;

        public static ContainerRecord? From(JToken? token) => token is JObject o ? new ContainerRecord(o) : null;

        /// <summary>A container answer read from the stream (an object, or an array holding one); null when it holds none.</summary>
        public static ContainerRecord? Read(Stream stream)
        {
            var token = ReadToken(stream);
            if (token is JArray array) token = array.Count > 0 ? array[0] : null;
            return From(token);
        }

        /// <summary>The answer's JSON; null for an empty answer. Dates stay text, exactly as the API wrote them.</summary>
        public static JToken? ReadToken(Stream stream)
        {
            using (var reader = SecuJson.Reader(stream, 4096))
            {
                return reader.Read() ? JToken.ReadFrom(reader) : null;
            }
        }

        /// <summary>A text value as it is: numbers and booleans as invariant text, objects and arrays as none (they stay in Raw).</summary>
        private static string? Text(JToken? token)
        {
            switch (token?.Type)
            {
                case JTokenType.String: return (string?)token;
                case JTokenType.Integer:
                case JTokenType.Float:
                case JTokenType.Boolean: return System.Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture);
                case JTokenType.Date:
                    // A reader that parsed dates: back to ISO 8601 text, as the API wrote it.
                    object? value = ((JValue)token).Value;
                    return value is System.DateTimeOffset dto ? dto.ToString("o", CultureInfo.InvariantCulture)
                        : value is System.DateTime dt ? dt.ToString("o", CultureInfo.InvariantCulture) : null;
                default: return null;
            }
        }

        /// <summary>The id of a reference, which the API writes as an object with an id or as a plain id.</summary>
        private static string? Uid(JToken? token) => token is JObject o ? Text(o["id"]) : Text(token);
    }
}
