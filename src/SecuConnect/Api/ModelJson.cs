using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Models;

namespace SecuConnect.Api
{
    /// <summary>
    /// Reads and writes the customer models by hand, token by token. Every create, update and listed customer goes
    /// through here: the reflection-based serializer costs far more CPU and JIT time per item, which a bulk run in a
    /// fresh process pays thousands of times. The field table (CustomerFields) names the members; names match exactly
    /// or else ignoring case, numbers and booleans in text fields become text, null fields are left out when
    /// writing, and members the module does not model are kept as raw JSON and written back as they came.
    /// </summary>
    internal static class ModelJson
    {
        // The wire names each reader knows, in the order of its switch.
        private static readonly string[] CustomerNames = { "object", "id", "contract", "merchant", "contact", "created", "updated" };
        private static readonly string[] ListNames = { "count", "data", "scroll_id" };
        private static readonly string[] UidNames = { "object", "id" };

        /// <summary>The body of a create or update, e.g. {"contact":{"forename":"Ada",...}}.</summary>
        public static string Serialize(PaymentCustomerRequest request)
        {
            var sw = new StringWriter(new System.Text.StringBuilder(256), CultureInfo.InvariantCulture);
            using (var w = new JsonTextWriter(sw) { Formatting = Formatting.None })
            {
                w.WriteStartObject();
                if (request.Contact != null)
                {
                    w.WritePropertyName("contact");
                    WriteContact(w, request.Contact);
                }
                w.WriteEndObject();
            }
            return sw.ToString();
        }

        /// <summary>
        /// Writes the contact: the known fields in table order, then the members read but not modelled, exactly as
        /// they came; the address likewise, left out when it holds nothing. The server-computed name is never written.
        /// </summary>
        public static void WriteContact(JsonWriter w, Contact c)
        {
            w.WriteStartObject();
            foreach (var field in CustomerFields.All)
                if (!field.InAddress) Write(w, field.WireName, c[field]);
            WriteUnknown(w, c.Unknown);
            if (c.HasAddress)
            {
                w.WritePropertyName(CustomerFields.AddressWire);
                w.WriteStartObject();
                foreach (var field in CustomerFields.All)
                    if (field.InAddress) Write(w, field.WireName, c[field]);
                WriteUnknown(w, c.UnknownInAddress);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        private static void Write(JsonWriter w, string name, string value)
        {
            if (value == null) return;
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static void WriteUnknown(JsonWriter w, JObject members)
        {
            if (members == null) return;
            foreach (var p in members.Properties()) p.WriteTo(w);
        }

        /// <summary>Reads a customer; the reader is on its StartObject (or on a null, which gives null).</summary>
        public static PaymentCustomer ReadCustomer(JsonReader r)
        {
            if (r.TokenType == JsonToken.Null) return null;
            Expect(r, JsonToken.StartObject, "a customer");
            var customer = new PaymentCustomer();
            while (NextProperty(r, out string name))
            {
                switch (Match(name, CustomerNames))
                {
                    case 0: customer.Object = ReadString(r); break;
                    case 1: customer.Id = ReadString(r); break;
                    case 2: customer.Contract = ReadUid(r); break;
                    case 3: customer.Merchant = ReadUid(r); break;
                    case 4: customer.Contact = ReadNested(r) ? ReadContactBody(r) : null; break;
                    case 5: customer.Created = ReadString(r); break;
                    case 6: customer.Updated = ReadString(r); break;
                    default: customer.Unknown = Keep(customer.Unknown, name, r); break;
                }
            }
            return customer;
        }

        /// <summary>Reads one list page; the reader is on its StartObject.</summary>
        public static CustomerPage ReadList(JsonReader r)
        {
            Expect(r, JsonToken.StartObject, "a list page");
            var page = new CustomerPage();
            while (NextProperty(r, out string name))
            {
                switch (Match(name, ListNames))
                {
                    case 0: page.Count = ReadLong(r); break;
                    case 1: page.Data = ReadCustomers(r); break;
                    case 2: page.ScrollId = ReadString(r); break;
                    default: Skip(r); break;
                }
            }
            return page;
        }

        /// <summary>Reads a contact; the reader is on its StartObject (or on a null, which gives null).</summary>
        public static Contact ReadContact(JsonReader r) => ReadNested(r) ? ReadContactBody(r) : null;

        private static Contact ReadContactBody(JsonReader r)
        {
            var c = new Contact();
            while (NextProperty(r, out string name))
            {
                var field = CustomerFields.FromWire(name, false);
                if (field != null) c[field] = ReadString(r);
                else if (string.Equals(name, CustomerFields.ContactNameWire, StringComparison.OrdinalIgnoreCase)) c.Name = ReadString(r);
                else if (string.Equals(name, CustomerFields.AddressWire, StringComparison.OrdinalIgnoreCase))
                {
                    if (ReadNested(r)) ReadAddressBody(r, c);
                }
                else c.Unknown = Keep(c.Unknown, name, r);
            }
            return c;
        }

        private static void ReadAddressBody(JsonReader r, Contact c)
        {
            while (NextProperty(r, out string name))
            {
                var field = CustomerFields.FromWire(name, true);
                if (field != null) c[field] = ReadString(r);
                else c.UnknownInAddress = Keep(c.UnknownInAddress, name, r);
            }
        }

        /// <summary>Keeps a member the module does not model as raw JSON (nested objects and arrays included).</summary>
        private static JObject Keep(JObject members, string name, JsonReader r)
        {
            Advance(r);
            var value = JToken.ReadFrom(r);
            members = members ?? new JObject();
            members[name] = value;
            return members;
        }

        private static ProductInstanceUid ReadUid(JsonReader r)
        {
            if (!ReadNested(r)) return null;
            var uid = new ProductInstanceUid();
            while (NextProperty(r, out string name))
            {
                switch (Match(name, UidNames))
                {
                    case 0: uid.Object = ReadString(r); break;
                    case 1: uid.Id = ReadString(r); break;
                    default: Skip(r); break;
                }
            }
            return uid;
        }

        private static List<PaymentCustomer> ReadCustomers(JsonReader r)
        {
            Advance(r);
            if (r.TokenType == JsonToken.Null) return null;
            Expect(r, JsonToken.StartArray, "a list of customers");
            var list = new List<PaymentCustomer>();
            while (true)
            {
                Advance(r);
                if (r.TokenType == JsonToken.EndArray) return list;
                list.Add(ReadCustomer(r));
            }
        }

        /// <summary>Moves to a nested object's value: true when it starts an object, false for null.</summary>
        private static bool ReadNested(JsonReader r)
        {
            if (r.TokenType == JsonToken.PropertyName) Advance(r);
            if (r.TokenType == JsonToken.Null) return false;
            if (r.TokenType == JsonToken.StartArray)
            {
                // PHP encodes an empty map as []: an empty array where an object belongs means absent.
                Advance(r);
                if (r.TokenType == JsonToken.EndArray) return false;
                throw Unexpected(r, "an object");
            }
            Expect(r, JsonToken.StartObject, "an object");
            return true;
        }

        /// <summary>Moves to the next property of the current object: false at its end.</summary>
        private static bool NextProperty(JsonReader r, out string name)
        {
            Advance(r);
            while (r.TokenType == JsonToken.Comment) Advance(r);
            if (r.TokenType == JsonToken.EndObject)
            {
                name = null;
                return false;
            }
            Expect(r, JsonToken.PropertyName, "a property");
            name = (string)r.Value;
            return true;
        }

        /// <summary>The index of the name among the known ones: an exact match first, else one ignoring case; -1 if none.</summary>
        private static int Match(string name, string[] known)
        {
            for (int i = 0; i < known.Length; i++)
                if (string.Equals(name, known[i], StringComparison.Ordinal)) return i;
            for (int i = 0; i < known.Length; i++)
                if (string.Equals(name, known[i], StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }

        private static string ReadString(JsonReader r)
        {
            Advance(r);
            switch (r.TokenType)
            {
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.String:
                    return (string)r.Value;
                case JsonToken.Boolean:
                    return (bool)r.Value ? "true" : "false";
                case JsonToken.Integer:
                case JsonToken.Float:
                    return Convert.ToString(r.Value, CultureInfo.InvariantCulture);
                default:
                    throw Unexpected(r, "text");
            }
        }

        private static long? ReadLong(JsonReader r)
        {
            Advance(r);
            switch (r.TokenType)
            {
                case JsonToken.Null:
                    return null;
                case JsonToken.Integer:
                    return Convert.ToInt64(r.Value, CultureInfo.InvariantCulture);
                case JsonToken.String when long.TryParse((string)r.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n):
                    return n;
                default:
                    throw Unexpected(r, "a whole number");
            }
        }

        private static void Skip(JsonReader r)
        {
            Advance(r);
            r.Skip();
        }

        private static void Advance(JsonReader r)
        {
            if (!r.Read()) throw new JsonReaderException("The answer ends early, at " + r.Path + ".");
        }

        private static void Expect(JsonReader r, JsonToken token, string what)
        {
            if (r.TokenType != token) throw Unexpected(r, what);
        }

        private static JsonSerializationException Unexpected(JsonReader r, string what) =>
            new JsonSerializationException($"Expected {what} at '{r.Path}', found {r.TokenType}.");
    }
}
