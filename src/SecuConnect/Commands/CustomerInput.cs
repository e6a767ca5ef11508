using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Commands
{
    /// <summary>Turns what the user gave (parameters, piped objects, -Contact) into wire values.</summary>
    internal static class CustomerInput
    {
        public static object Unwrap(object value) => value is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : value;

        public static string ToText(object value)
        {
            value = Unwrap(value);
            if (value == null) return null;
            if (value is string s) return s;
            return LanguagePrimitives.ConvertTo<string>(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value);
        }

        /// <summary>Fills fields this record did not give from the piped object's properties (by field name or alias).</summary>
        public static void FillFromObject(FieldValues values, PSObject input)
        {
            if (input == null || input.BaseObject is string) return;
            foreach (var field in ContactFields.All)
            {
                if (values.TryGetValue(field.Name, out var given) && given != null) continue;
                var property = FindProperty(input, field);
                if (property != null) values[field.Name] = Unwrap(property.Value);
            }
        }

        public static PSPropertyInfo FindProperty(PSObject input, ContactField field)
        {
            var property = input.Properties[field.Name];
            if (property != null) return property;
            foreach (var alias in field.Aliases)
            {
                property = input.Properties[alias];
                if (property != null) return property;
            }
            return null;
        }

        /// <summary>
        /// Converts to wire strings: null stays "not given", "" means clear, -DateOfBirth is parsed strictly.
        /// Returns false (with the offending value) when the date of birth is not a date.
        /// </summary>
        public static bool TryToWire(FieldValues values, out Dictionary<string, string> wire, out object badDate)
        {
            wire = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            badDate = null;
            foreach (var pair in values)
            {
                object value = Unwrap(pair.Value);
                if (value == null) continue;
                if (string.Equals(pair.Key, ContactFields.DateOfBirth, StringComparison.OrdinalIgnoreCase))
                {
                    if (value is string s && s.Trim().Length == 0)
                    {
                        wire[pair.Key] = string.Empty;
                        continue;
                    }
                    if (!DateOfBirthParser.TryParse(value, CultureInfo.CurrentCulture, out var date))
                    {
                        badDate = value;
                        return false;
                    }
                    wire[pair.Key] = DateOfBirthParser.ToWire(date);
                    continue;
                }
                wire[pair.Key] = ToText(value);
            }
            return true;
        }

        /// <summary>The record as given, for TargetObject: a failed item can be fixed and piped again.</summary>
        public static PSObject ToTarget(FieldValues values)
        {
            var o = new PSObject();
            foreach (var field in ContactFields.All)
            {
                if (values.TryGetValue(field.Name, out var v) && v != null) o.Properties.Add(new PSNoteProperty(field.Name, v));
            }
            return o;
        }

        public static string DisplayName(Contact contact)
        {
            if (contact == null) return null;
            string name = contact.Name;
            if (string.IsNullOrEmpty(name))
                name = string.Join(" ", new[] { contact.Forename, contact.Surname }).Trim();
            if (string.IsNullOrEmpty(name)) name = contact.CompanyName;
            if (string.IsNullOrEmpty(name)) name = contact.Email;
            return string.IsNullOrEmpty(name) ? null : name;
        }

        public static string Target(string id, string name) =>
            string.IsNullOrEmpty(name) ? id : $"{id} ({name})";

        /// <summary>Reads an id from a piped object: a string, or its Id property.</summary>
        public static string IdOf(PSObject input)
        {
            if (input == null) return null;
            if (input.BaseObject is string s) return s;
            return ToText(input.Properties["Id"]?.Value);
        }

        public static string NameOf(PSObject input)
        {
            if (input == null || input.BaseObject is string) return null;
            string name = ToText(input.Properties["Name"]?.Value);
            if (!string.IsNullOrEmpty(name)) return name;
            string full = string.Join(" ", new[] { ToText(input.Properties["Forename"]?.Value), ToText(input.Properties["Surname"]?.Value) }).Trim();
            return full.Length > 0 ? full : ToText(input.Properties["CompanyName"]?.Value);
        }

        /// <summary>
        /// Reads -Contact: a hashtable or object in the API's contact shape (forename, dob, address.postal_code, ...).
        /// Names match case-insensitively; the dob goes through the same strict parsing as -DateOfBirth.
        /// </summary>
        public static Contact ContactFromObject(object value, out string problem)
        {
            problem = null;
            JToken token;
            try
            {
                token = ToJson(value, 0);
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message;
                return null;
            }
            if (!(token is JObject obj))
            {
                problem = "-Contact must be a hashtable or an object with contact fields such as forename, surname, email and address.";
                return null;
            }
            var dob = obj.GetValue("dob", StringComparison.OrdinalIgnoreCase) ?? obj.GetValue("DateOfBirth", StringComparison.OrdinalIgnoreCase);
            Contact contact;
            try
            {
                using (var reader = obj.CreateReader())
                {
                    reader.Read();
                    contact = ModelJson.ReadContact(reader);
                }
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                problem = "-Contact does not have the API's contact shape: " + ex.Message;
                return null;
            }
            if (dob is JValue dv && dv.Value != null)
            {
                object raw = dv.Value;
                if (raw is string s && s.Length == 0) contact.Dob = null;
                else if (DateOfBirthParser.TryParse(raw, CultureInfo.CurrentCulture, out var date)) contact.Dob = DateOfBirthParser.ToWire(date);
                else
                {
                    problem = $"Cannot use '{raw}' as the contact's dob: expected a date such as 1991-02-03.";
                    return null;
                }
            }
            contact.Name = null;
            return contact;
        }

        private static JToken ToJson(object value, int depth)
        {
            if (depth > 10) throw new ArgumentException("-Contact is nested too deeply.");
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return JValue.CreateNull();
                case PSObject pso:
                {
                    var obj = new JObject();
                    foreach (var p in pso.Properties)
                    {
                        if (p.MemberType != PSMemberTypes.NoteProperty && p.MemberType != PSMemberTypes.Property) continue;
                        obj[p.Name] = ToJson(p.Value, depth + 1);
                    }
                    return obj;
                }
                case IDictionary dict:
                {
                    var obj = new JObject();
                    foreach (DictionaryEntry e in dict) obj[Convert.ToString(e.Key, CultureInfo.InvariantCulture)] = ToJson(e.Value, depth + 1);
                    return obj;
                }
                case string s:
                    return new JValue(s);
                case DateTime dt:
                    return new JValue(DateOfBirthParser.ToWire(dt));
                case DateTimeOffset dto:
                    return new JValue(DateOfBirthParser.ToWire(dto.Date));
                case IFormattable f when value.GetType().IsPrimitive || value is decimal:
                    return new JValue(f.ToString(null, CultureInfo.InvariantCulture));
                case bool b:
                    return new JValue(b ? "true" : "false");
                case IEnumerable _:
                    throw new ArgumentException("-Contact fields must be single values, not lists.");
                default:
                {
                    var obj = new JObject();
                    foreach (var p in PSObject.AsPSObject(value).Properties)
                    {
                        if (p.MemberType != PSMemberTypes.Property && p.MemberType != PSMemberTypes.NoteProperty) continue;
                        obj[p.Name] = ToJson(p.Value, depth + 1);
                    }
                    return obj;
                }
            }
        }
    }
}
