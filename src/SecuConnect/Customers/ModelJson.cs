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
    /// or else ignoring case, null fields are left out when writing, and members the module does not model are kept as
    /// raw JSON and written back as they came. An answer's field that comes in another JSON type than text (an object,
    /// an array, a number, true/false) is kept as it came (<see cref="KeptToken"/>) and written back so until the
    /// user sets the field; a contract or merchant as text, and a created or updated that is no time, are read as
    /// they are. Each such shape is noted on the customer (<see cref="PaymentCustomer.Shapes"/>) for one warning per run.
    /// </summary>
    internal static class ModelJson
    {
        // The members each reader knows, with what reads them.
        private static readonly JsonMemberMap<PaymentCustomer> CustomerMembers = new JsonMemberMap<PaymentCustomer>()
            .Add("object", (r, c) => c.Object = ReadString(r))
            .Add("id", (r, c) => c.Id = ReadString(r))
            .Add("contract", (r, c) => c.Contract = ReadUid(r, "contract", ref c.Shapes))
            .Add("merchant", (r, c) => c.Merchant = ReadUid(r, "merchant", ref c.Shapes))
            .Add("contact", (r, c) => c.Contact = ReadNested(r) ? ReadContactBody(r, true, ref c.Shapes) : null)
            .Add("created", (r, c) => c.Created = ReadTimestamp(r, "created", ref c.Shapes))
            .Add("updated", (r, c) => c.Updated = ReadTimestamp(r, "updated", ref c.Shapes));

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
                if (!field.InAddress) Write(w, field, c);
            WriteUnknown(w, c.Unknown);
            if (c.HasAddress)
            {
                w.WritePropertyName(CustomerFields.AddressWire);
                w.WriteStartObject();
                foreach (var field in CustomerFields.All)
                    if (field.InAddress) Write(w, field, c);
                WriteUnknown(w, c.UnknownInAddress);
                w.WriteEndObject();
            }
            else if (c.KeptAddress != null)
            {
                w.WritePropertyName(CustomerFields.AddressWire);
                c.KeptAddress.WriteTo(w);
            }
            w.WriteEndObject();
        }

        /// <summary>A field as text, or a kept value exactly as it came (never turned into text).</summary>
        private static void Write(JsonWriter w, CustomerField field, Contact c)
        {
            string? value = c[field];
            if (value == null) return;
            w.WritePropertyName(field.WireName);
            if (c.Kept(field) is KeptToken kept) kept.WriteTo(w);
            else w.WriteValue(value);
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

        /// <summary>
        /// Reads a contact; the reader is on its StartObject (or on a null, which gives null). With
        /// <paramref name="keepShapes"/> (a contact the module wrote), a field in another JSON type than text is kept as
        /// it came; without (a contact the user wrote), numbers and true/false become text and objects or arrays are an error.
        /// </summary>
        public static Contact? ReadContact(JsonReader r, bool keepShapes)
        {
            ShapeNotes? notes = null;
            return ReadNested(r) ? ReadContactBody(r, keepShapes, ref notes) : null;
        }

        private static Contact ReadContactBody(JsonReader r, bool keepShapes, ref ShapeNotes? notes)
        {
            var c = new Contact();
            while (NextProperty(r, out string? name))
            {
                var field = CustomerFields.FromWire(name, false);
                if (field != null) ReadField(r, c, field, keepShapes, ref notes);
                else if (string.Equals(name, CustomerFields.ContactNameWire, StringComparison.OrdinalIgnoreCase)) c.Name = ReadTextOrKeep(r, out _);
                else if (string.Equals(name, CustomerFields.AddressWire, StringComparison.OrdinalIgnoreCase))
                {
                    if (keepShapes) ReadAddress(r, c, ref notes);
                    else if (ReadNested(r)) ReadAddressBody(r, c, false, ref notes);
                }
                else c.Unknown = Keep(c.Unknown, name, r);
            }
            return c;
        }

        /// <summary>The address as it comes: an object as usual, null or [] as none, any other shape kept as it came.</summary>
        private static void ReadAddress(JsonReader r, Contact c, ref ShapeNotes? notes)
        {
            Advance(r);
            if (r.TokenType == JsonToken.StartObject)
            {
                ReadAddressBody(r, c, true, ref notes);
                return;
            }
            if (r.TokenType == JsonToken.Null) return;
            var kept = KeptToken.Read(r);
            // PHP encodes an empty map as []: no address.
            if (kept.Token is JArray a && a.Count == 0) return;
            c.KeptAddress = kept;
            ShapeNotes.Note(ref notes, "contact." + CustomerFields.AddressWire, kept.Shape, "an object", sentBack: true);
        }

        private static void ReadAddressBody(JsonReader r, Contact c, bool keepShapes, ref ShapeNotes? notes)
        {
            while (NextProperty(r, out string? name))
            {
                var field = CustomerFields.FromWire(name, true);
                if (field != null) ReadField(r, c, field, keepShapes, ref notes);
                else c.UnknownInAddress = Keep(c.UnknownInAddress, name, r);
            }
        }

        private static void ReadField(JsonReader r, Contact c, CustomerField field, bool keepShapes, ref ShapeNotes? notes)
        {
            if (!keepShapes)
            {
                c[field] = ReadString(r);
                return;
            }
            string? text = ReadTextOrKeep(r, out var kept);
            if (kept == null)
            {
                c[field] = text;
                return;
            }
            c.Keep(field, kept);
            ShapeNotes.Note(ref notes, field.WirePath, kept.Shape, "text", sentBack: true);
        }

        /// <summary>
        /// created or updated as it comes: text, or the compact JSON of another shape. What is no time is noted (the
        /// output shows it as text). The API's own form (2024-05-02T10:49:23+02:00) passes on its shape alone, so the
        /// common answer is parsed once, by the output, as before.
        /// </summary>
        private static string? ReadTimestamp(JsonReader r, string path, ref ShapeNotes? notes)
        {
            string? text = ReadTextOrKeep(r, out var kept);
            if (kept != null) ShapeNotes.Note(ref notes, path, kept.Shape, "a time");
            else if (text != null && text.Length > 0 && !Timestamps.IsTime(text))
                ShapeNotes.Note(ref notes, path, "text that is not a time", "a time");
            return text;
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
