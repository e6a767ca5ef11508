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
        private static readonly string[] UidNames = { "object", "id" };

        /// <summary>The contact's text fields in wire order (the nested address follows them).</summary>
        public static readonly WireField<Contact>[] ContactWire =
        {
            new WireField<Contact>("name", c => c.Name, (c, v) => c.Name = v),
            new WireField<Contact>("forename", c => c.Forename, (c, v) => c.Forename = v),
            new WireField<Contact>("surname", c => c.Surname, (c, v) => c.Surname = v),
            new WireField<Contact>("companyname", c => c.CompanyName, (c, v) => c.CompanyName = v),
            new WireField<Contact>("salutation", c => c.Salutation, (c, v) => c.Salutation = v),
            new WireField<Contact>("gender", c => c.Gender, (c, v) => c.Gender = v),
            new WireField<Contact>("title", c => c.Title, (c, v) => c.Title = v),
            new WireField<Contact>("email", c => c.Email, (c, v) => c.Email = v),
            new WireField<Contact>("phone", c => c.Phone, (c, v) => c.Phone = v),
            new WireField<Contact>("mobile", c => c.Mobile, (c, v) => c.Mobile = v),
            new WireField<Contact>("fax", c => c.Fax, (c, v) => c.Fax = v),
            new WireField<Contact>("dob", c => c.Dob, (c, v) => c.Dob = v),
            new WireField<Contact>("picture", c => c.Picture, (c, v) => c.Picture = v),
            new WireField<Contact>("url_website", c => c.UrlWebsite, (c, v) => c.UrlWebsite = v),
            new WireField<Contact>("birthplace", c => c.Birthplace, (c, v) => c.Birthplace = v),
            new WireField<Contact>("nationality", c => c.Nationality, (c, v) => c.Nationality = v),
        };

        /// <summary>The address's fields in wire order.</summary>
        public static readonly WireField<Address>[] AddressWire =
        {
            new WireField<Address>("type", a => a.Type, (a, v) => a.Type = v),
            new WireField<Address>("street", a => a.Street, (a, v) => a.Street = v),
            new WireField<Address>("street_number", a => a.StreetNumber, (a, v) => a.StreetNumber = v),
            new WireField<Address>("postal_code", a => a.PostalCode, (a, v) => a.PostalCode = v),
            new WireField<Address>("city", a => a.City, (a, v) => a.City = v),
            new WireField<Address>("country", a => a.Country, (a, v) => a.Country = v),
            new WireField<Address>("additional_address_data", a => a.AdditionalAddressData, (a, v) => a.AdditionalAddressData = v),
        };

        public const string AddressName = "address";

        // The contact's names with "address" last, and the address's names: indexes match the tables above.
        private static readonly string[] ContactNames = Names(ContactWire, AddressName);
        private static readonly string[] AddressNames = Names(AddressWire, null);

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
            foreach (var field in ContactWire) Write(w, field.Name, field.Get(c));
            var a = c.Address;
            if (a != null)
            {
                w.WritePropertyName(AddressName);
                w.WriteStartObject();
                foreach (var field in AddressWire) Write(w, field.Name, field.Get(a));
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
                int i = Match(name, ContactNames);
                if (i < 0) Skip(r);
                else if (i < ContactWire.Length) ContactWire[i].Set(c, ReadString(r));
                else c.Address = ReadNested(r) ? ReadAddressBody(r) : null;
            }
            return c;
        }

        private static Address ReadAddressBody(JsonReader r)
        {
            var a = new Address();
            while (NextProperty(r, out string name))
            {
                int i = Match(name, AddressNames);
                if (i < 0) Skip(r);
                else AddressWire[i].Set(a, ReadString(r));
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

        private static string[] Names<T>(WireField<T>[] fields, string last)
        {
            var names = new List<string>(fields.Length + 1);
            foreach (var field in fields) names.Add(field.Name);
            if (last != null) names.Add(last);
            return names.ToArray();
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
