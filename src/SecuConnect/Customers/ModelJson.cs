using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;
using static SecuConnect.Core.JsonRead;

namespace SecuConnect.Customers
{
    /// <summary>
    /// Reads and writes the customer models by hand, token by token. Every create, update and listed customer goes
    /// through here: the reflection-based serializer costs far more CPU and JIT time per item, which a bulk run in a
    /// fresh process pays thousands of times. The field table (CustomerFields) and the member maps name the members; names match exactly
    /// or else ignoring case, numbers and booleans in text fields become text, null fields are left out when
    /// writing, and members the module does not model are kept as raw JSON and written back as they came.
    /// </summary>
    internal static class ModelJson
    {
        // The members each reader knows, with what reads them.
        private static readonly JsonMemberMap<PaymentCustomer> CustomerMembers = new JsonMemberMap<PaymentCustomer>()
            .Add("object", (r, c) => c.Object = ReadString(r))
            .Add("id", (r, c) => c.Id = ReadString(r))
            .Add("contract", (r, c) => c.Contract = ReadUid(r))
            .Add("merchant", (r, c) => c.Merchant = ReadUid(r))
            .Add("contact", (r, c) => c.Contact = ReadNested(r) ? ReadContactBody(r) : null)
            .Add("created", (r, c) => c.Created = ReadString(r))
            .Add("updated", (r, c) => c.Updated = ReadString(r));

        private static readonly JsonMemberMap<CustomerPage> ListMembers = new JsonMemberMap<CustomerPage>()
            .Add("count", (r, page) => page.Count = ReadLong(r))
            .Add("data", (r, page) => page.Data = ReadCustomers(r))
            .Add("scroll_id", (r, page) => page.ScrollId = ReadString(r));

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

        private static void Write(JsonWriter w, string name, string? value)
        {
            if (value == null) return;
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static void WriteUnknown(JsonWriter w, JObject? members)
        {
            if (members == null) return;
            foreach (var p in members.Properties()) p.WriteTo(w);
        }

        /// <summary>Reads a customer; the reader is on its StartObject (or on a null, which gives null).</summary>
        public static PaymentCustomer? ReadCustomer(JsonReader r)
        {
            if (r.TokenType == JsonToken.Null) return null;
            Expect(r, JsonToken.StartObject, "a customer");
            var customer = new PaymentCustomer();
            while (NextProperty(r, out string? name))
                if (!CustomerMembers.TryRead(name, r, customer)) customer.Unknown = Keep(customer.Unknown, name, r);
            return customer;
        }

        /// <summary>Reads one list page; the reader is on its StartObject.</summary>
        public static CustomerPage ReadList(JsonReader r)
        {
            Expect(r, JsonToken.StartObject, "a list page");
            var page = new CustomerPage();
            while (NextProperty(r, out string? name))
                if (!ListMembers.TryRead(name, r, page)) Skip(r);
            return page;
        }

        /// <summary>Reads a contact; the reader is on its StartObject (or on a null, which gives null).</summary>
        public static Contact? ReadContact(JsonReader r) => ReadNested(r) ? ReadContactBody(r) : null;

        private static Contact ReadContactBody(JsonReader r)
        {
            var c = new Contact();
            while (NextProperty(r, out string? name))
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
            while (NextProperty(r, out string? name))
            {
                var field = CustomerFields.FromWire(name, true);
                if (field != null) c[field] = ReadString(r);
                else c.UnknownInAddress = Keep(c.UnknownInAddress, name, r);
            }
        }

        private static List<PaymentCustomer>? ReadCustomers(JsonReader r)
        {
            Advance(r);
            if (r.TokenType == JsonToken.Null) return null;
            Expect(r, JsonToken.StartArray, "a list of customers");
            var list = new List<PaymentCustomer>();
            while (true)
            {
                Advance(r);
                if (r.TokenType == JsonToken.EndArray) return list;
                list.Add(ReadCustomer(r)!); // a null item stays in the list as the API sent it
            }
        }

    }
}
