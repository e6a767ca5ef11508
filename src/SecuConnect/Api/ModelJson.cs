using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using SecuConnect.Models;

namespace SecuConnect.Api
{
    /// <summary>
    /// Reads and writes the customer models by hand, token by token. Every create, update and listed customer goes
    /// through here: the reflection-based serializer costs far more CPU and JIT time per item, which a bulk run in a
    /// fresh process pays thousands of times. Semantics follow the module's serializer settings: unknown properties
    /// are skipped, names match exactly or else ignoring case, numbers and booleans in text fields become text, and
    /// null fields are left out when writing.
    /// </summary>
    internal static class ModelJson
    {
        // The wire names each reader knows, in the order of its switch.
        private static readonly string[] CustomerNames = { "object", "id", "contract", "merchant", "contact", "created", "updated" };
        private static readonly string[] ListNames = { "count", "data", "scroll_id" };
        private static readonly string[] ContactNames =
        {
            "name", "forename", "surname", "companyname", "salutation", "gender", "title", "email", "phone", "mobile", "fax", "dob",
            "picture", "url_website", "birthplace", "nationality", "address",
        };
        private static readonly string[] AddressNames = { "type", "street", "street_number", "postal_code", "city", "country", "additional_address_data" };
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

        public static void WriteContact(JsonWriter w, Contact c)
        {
            w.WriteStartObject();
            Write(w, "name", c.Name);
            Write(w, "forename", c.Forename);
            Write(w, "surname", c.Surname);
            Write(w, "companyname", c.CompanyName);
            Write(w, "salutation", c.Salutation);
            Write(w, "gender", c.Gender);
            Write(w, "title", c.Title);
            Write(w, "email", c.Email);
            Write(w, "phone", c.Phone);
            Write(w, "mobile", c.Mobile);
            Write(w, "fax", c.Fax);
            Write(w, "dob", c.Dob);
            Write(w, "picture", c.Picture);
            Write(w, "url_website", c.UrlWebsite);
            Write(w, "birthplace", c.Birthplace);
            Write(w, "nationality", c.Nationality);
            var a = c.Address;
            if (a != null)
            {
                w.WritePropertyName("address");
                w.WriteStartObject();
                Write(w, "type", a.Type);
                Write(w, "street", a.Street);
                Write(w, "street_number", a.StreetNumber);
                Write(w, "postal_code", a.PostalCode);
                Write(w, "city", a.City);
                Write(w, "country", a.Country);
                Write(w, "additional_address_data", a.AdditionalAddressData);
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
                    default: Skip(r); break;
                }
            }
            return customer;
        }

        /// <summary>Reads one list page; the reader is on its StartObject.</summary>
        public static CustomerList ReadList(JsonReader r)
        {
            Expect(r, JsonToken.StartObject, "a list page");
            var page = new CustomerList();
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
                switch (Match(name, ContactNames))
                {
                    case 0: c.Name = ReadString(r); break;
                    case 1: c.Forename = ReadString(r); break;
                    case 2: c.Surname = ReadString(r); break;
                    case 3: c.CompanyName = ReadString(r); break;
                    case 4: c.Salutation = ReadString(r); break;
                    case 5: c.Gender = ReadString(r); break;
                    case 6: c.Title = ReadString(r); break;
                    case 7: c.Email = ReadString(r); break;
                    case 8: c.Phone = ReadString(r); break;
                    case 9: c.Mobile = ReadString(r); break;
                    case 10: c.Fax = ReadString(r); break;
                    case 11: c.Dob = ReadString(r); break;
                    case 12: c.Picture = ReadString(r); break;
                    case 13: c.UrlWebsite = ReadString(r); break;
                    case 14: c.Birthplace = ReadString(r); break;
                    case 15: c.Nationality = ReadString(r); break;
                    case 16: c.Address = ReadNested(r) ? ReadAddressBody(r) : null; break;
                    default: Skip(r); break;
                }
            }
            return c;
        }

        private static Address ReadAddressBody(JsonReader r)
        {
            var a = new Address();
            while (NextProperty(r, out string name))
            {
                switch (Match(name, AddressNames))
                {
                    case 0: a.Type = ReadString(r); break;
                    case 1: a.Street = ReadString(r); break;
                    case 2: a.StreetNumber = ReadString(r); break;
                    case 3: a.PostalCode = ReadString(r); break;
                    case 4: a.City = ReadString(r); break;
                    case 5: a.Country = ReadString(r); break;
                    case 6: a.AdditionalAddressData = ReadString(r); break;
                    default: Skip(r); break;
                }
            }
            return a;
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
