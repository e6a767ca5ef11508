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
    /// update. A modelled value in another shape shows as its compact JSON (the customers' rule, <see cref="KeptToken"/>)
    /// and is noted in <see cref="Shapes"/>. An answer counts as a container when it has <c>object</c> and <c>id</c>.
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
            Type = Member(raw, "type", "type", "text", sentBack: true);
            Created = Time(raw, "created");
            Updated = Time(raw, "updated");
            MerchantId = Reference(raw, "merchant");
            ContractId = Reference(raw, "contract");
            CustomerId = Reference(raw, "customer");
            var customer = raw["customer"] as JObject;
            // A linked customer comes whole; one named only by object and id is just the link.
            Customer = customer != null && customer.Count > 2 && customer["id"]?.Type == JTokenType.String ? customer : null;
            Private = Part(raw, "private");
            var shown = Part(raw, "public");
            IsMasked = Private == null;
            // Both parts are read, so an odd shape in either is noted; the unmasked one is shown when it came.
            var privateAccount = Account(Private, "private", sentBack: true);
            var publicAccount = Account(shown, "public", sentBack: false);
            (Iban, Bic, Owner, BankName, Purpose) = Private != null ? privateAccount : publicAccount;
            var mandate = raw["mandate"];
            if (mandate is JObject m)
            {
                MandateId = Member(m, "sepa_mandate_id", "mandate.sepa_mandate_id", "text");
                MandateReference = Member(m, "identification", "mandate.identification", "text");
                MandateStatus = Member(m, "status", "mandate.status", "text");
            }
            else
            {
                // A mandate given as a plain value is read as a reference is: its id.
                MandateId = Plain(raw, "mandate");
            }
            foreach (var member in raw.Properties())
            {
                if (Modelled.Contains(member.Name)) continue;
                (Unknown ??= new JObject()).Add(member.Name, member.Value.DeepClone());
            }
        }

        /// <summary>
        /// The unexpected shapes this answer held (null when none): the client reports them once per run
        /// (<see cref="ShapeWarnings"/>). The values themselves stay in <see cref="Raw"/>, so an update that does not
        /// change them sends them back as they came.
        /// </summary>
        public ShapeNotes? Shapes => _shapes;

        private ShapeNotes? _shapes;

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

        /// <summary>
        /// A modelled text member as it came: text as is; another shape as its compact JSON (<see cref="KeptToken"/>),
        /// noted for the run's warning.
        /// </summary>
        private string? Member(JObject parent, string name, string path, string expected, bool sentBack = false)
        {
            var token = parent[name];
            if (token == null || token.Type == JTokenType.Null || token.Type == JTokenType.String || token.Type == JTokenType.Date) return Text(token);
            var kept = KeptToken.Of(token);
            ShapeNotes.Note(ref _shapes, path, kept.Shape, expected, sentBack);
            return kept.Text;
        }

        /// <summary>created or updated as it came: text (noted when it is no time), or another shape's compact JSON.</summary>
        private string? Time(JObject raw, string name)
        {
            string? text = Member(raw, name, name, "a time");
            if (raw[name]?.Type == JTokenType.String && text!.Length > 0 && !Timestamps.IsTime(text))
                ShapeNotes.Note(ref _shapes, name, "text that is not a time", "a time");
            return text;
        }

        /// <summary>A reference ({object, id}): its id; a plain value as the id (noted), as the API's older versions write it.</summary>
        private string? Reference(JObject raw, string name) => raw[name] is JObject o ? Text(o["id"]) : Plain(raw, name);

        /// <summary>
        /// A value where an object belongs, read as the object's id: text as is, another shape as its compact JSON;
        /// noted. An empty array (how PHP writes an empty object) is absent, as for customers.
        /// </summary>
        private string? Plain(JObject raw, string name)
        {
            var token = raw[name];
            if (token == null || token.Type == JTokenType.Null || token is JArray { Count: 0 }) return null;
            ShapeNotes.Note(ref _shapes, name, KeptToken.ShapeOf(token.Type), "an object");
            return token.Type == JTokenType.String ? (string?)token : KeptToken.Of(token).Text;
        }

        /// <summary>
        /// The <c>private</c> or <c>public</c> part when it is an object; another shape is noted and counts as absent
        /// (an empty array, how PHP writes an empty object, is absent without a note).
        /// </summary>
        private JObject? Part(JObject raw, string name)
        {
            var token = raw[name];
            if (token is JObject o) return o;
            if (token != null && token.Type != JTokenType.Null && !(token is JArray { Count: 0 }))
                ShapeNotes.Note(ref _shapes, name, KeptToken.ShapeOf(token.Type), "an object");
            return null;
        }

        private (string?, string?, string?, string?, string?) Account(JObject? part, string name, bool sentBack) =>
            part == null ? default : (
                Member(part, "iban", name + ".iban", "text", sentBack),
                Member(part, "bic", name + ".bic", "text", sentBack),
                Member(part, "owner", name + ".owner", "text", sentBack),
                // The server's bank name follows the BIC: an update never sends it.
                Member(part, "bankname", name + ".bankname", "text"),
                Member(part, "purpose", name + ".purpose", "text", sentBack));

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
    }
}
