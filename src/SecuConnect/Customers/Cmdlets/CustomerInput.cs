using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// A date of birth that only the stored date can settle: text with two readings (03/04/1970, day or month first), or
    /// a date after today (a typo, or a year of another calendar). On Set it counts as unchanged when a reading is the
    /// stored date (a file exported earlier); otherwise, and always on New, it is InvalidDateOfBirth with <see cref="Message"/>.
    /// </summary>
    internal sealed class UnsettledDate
    {
        private UnsettledDate(DateTime dayFirst, DateTime monthFirst, string message)
        {
            DayFirst = dayFirst;
            MonthFirst = monthFirst;
            Message = message;
        }

        /// <summary>Text whose day and month could be either way round.</summary>
        public static UnsettledDate Ambiguous(object given, DateTime dayFirst, DateTime monthFirst) =>
            new UnsettledDate(dayFirst, monthFirst,
                $"Cannot use '{given}' as DateOfBirth: it reads as {dayFirst.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} or as " +
                $"{monthFirst.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, depending on the culture. Write it as yyyy-MM-dd " +
                $"({DateOfBirthParser.ToWire(dayFirst)} or {DateOfBirthParser.ToWire(monthFirst)}). No request was sent.");

        /// <summary>A date after today: one reading, never sent as a change.</summary>
        public static UnsettledDate AfterToday(object given, DateTime date) =>
            new UnsettledDate(date, date, CustomerErrors.FutureDateMessage($"'{given}' as DateOfBirth", date));

        public DateTime DayFirst { get; }
        public DateTime MonthFirst { get; }
        public string Message { get; }
    }

    /// <summary>Turns what the user gave (parameters, piped objects, -Contact) into wire values.</summary>
    internal static class CustomerInput
    {
        /// <summary>
        /// True when two values of a field mean the same: text compares exactly, dates by the date they name
        /// ($null and '' differ: '' clears).
        /// </summary>
        public static bool SameValue(CustomerField field, object? a, object? b)
        {
            a = InputValues.Unwrap(a);
            b = InputValues.Unwrap(b);
            if (a == null || b == null) return a == null && b == null;
            if (field.Kind == FieldKind.Date)
            {
                bool da = DateOfBirthParser.TryParse(a, CultureInfo.CurrentCulture, out var x);
                bool db = DateOfBirthParser.TryParse(b, CultureInfo.CurrentCulture, out var y);
                if (da && db) return x == y;
            }
            return string.Equals(InputValues.ToText(a), InputValues.ToText(b), StringComparison.Ordinal);
        }

        /// <summary>
        /// Converts values by field index to wire text: null stays "not given", "" means clear, text is trimmed (only
        /// whitespace is "not given"), dates are read strictly. Returns the error for the first value that cannot be
        /// sent (a date that is no date, a control character), else null; a date with two readings or after today comes back in
        /// <paramref name="unsettled"/> (its wire value left null) for the caller to decide.
        /// </summary>
        public static ErrorRecord? ToWire(object?[] values, object? target, out string?[] wire, out UnsettledDate? unsettled)
        {
            wire = new string?[values.Length];
            unsettled = null;
            foreach (var field in CustomerFields.All)
            {
                object? value = InputValues.Unwrap(values[field.Index]);
                if (value == null) continue;
                if (field.Kind != FieldKind.Date)
                {
                    string? text = Given(InputValues.ToText(value));
                    var bad = InvalidCharacters(field, text, target);
                    if (bad != null) return bad;
                    wire[field.Index] = text;
                    continue;
                }
                if (value is string s)
                {
                    if (s.Length > 0 && s.Trim().Length == 0) continue;
                    value = s.Trim();
                    if (s.Length == 0)
                    {
                        wire[field.Index] = string.Empty;
                        continue;
                    }
                }
                switch (DateOfBirthParser.Read(value, CultureInfo.CurrentCulture, out var date, out var other))
                {
                    case DateReading.Exact when date > DateTime.Today:
                        // A year ahead of today is a date from another calendar (Thai years run 543 ahead) or a typo: never
                        // sent; a row that gives the stored date back counts as unchanged.
                        unsettled = UnsettledDate.AfterToday(value, date);
                        break;
                    case DateReading.Exact:
                        wire[field.Index] = DateOfBirthParser.ToWire(date);
                        break;
                    case DateReading.Ambiguous:
                        unsettled = UnsettledDate.Ambiguous(value, date, other);
                        break;
                    default:
                        return Errors.InvalidDateOfBirth(value, target);
                }
            }
            return null;
        }

        /// <summary>
        /// A value as the user gave it, without leading and trailing whitespace: whitespace alone is "not given" (null),
        /// "" stays "" (it clears). Values read from the API never pass here, so they stay as stored.
        /// </summary>
        public static string? Given(string? text)
        {
            if (text == null || text.Length == 0) return text;
            string trimmed = text.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }

        /// <summary>
        /// The InvalidCharacters error for a value the field cannot hold (a control character, a line break outside
        /// AdditionalAddressData, a lone surrogate the API would store as U+FFFD), or null. The message names the field,
        /// the position and the character's code, never the value (personal data).
        /// </summary>
        public static ErrorRecord? InvalidCharacters(CustomerField field, string? text, object? target)
        {
            int at = BadCharacterAt(field, text);
            if (at < 0) return null;
            char c = text![at]; // a bad character was found in it
            string what = char.IsSurrogate(c) ? "half of a surrogate pair (no character on its own)"
                : c == '\n' || c == '\r' ? "a line break" : "a control character";
            string message = $"Cannot use the value of {field.Name}: character {at + 1} is {what} (U+{(int)c:X4}). " +
                $"{field.Name} is one line of text without control characters" +
                (field.MultiLine ? " other than line breaks" : $"; only {string.Join(", ", CustomerFields.All.Where(f => f.MultiLine).Select(f => f.Name))} may hold line breaks") +
                ". A CSV row with an unterminated quote folds the following rows into one value: check the file at this record. No request was sent.";
            return Errors.Argument(ErrorIds.InvalidCharacters, message, target);
        }

        private static int BadCharacterAt(CustomerField field, string? text)
        {
            if (text == null || text.Length == 0) return -1;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                if (char.IsSurrogate(c)) return i;
                if (field.MultiLine && (c == '\r' || c == '\n')) continue;
                if (char.IsControl(c)) return i;
            }
            return -1;
        }

        /// <summary>The record as given, for TargetObject: a failed item can be fixed and piped again.</summary>
        public static PSObject ToTarget(object?[] values)
        {
            var o = new PSObject();
            foreach (var field in CustomerFields.All)
            {
                var v = values[field.Index];
                if (v != null) o.Properties.Add(new PSNoteProperty(field.Name, v));
            }
            return o;
        }

        /// <summary>A customer's name for prompts and messages: the server's name, else forename and surname, company or email.</summary>
        public static string? DisplayName(Contact? contact)
        {
            if (contact == null) return null;
            return FirstNonEmpty(contact.Name,
                string.Join(" ", new[] { contact[CustomerFields.Forename], contact[CustomerFields.Surname] }).Trim(),
                contact[CustomerFields.CompanyName], contact[CustomerFields.Email]);
        }

        /// <summary>The same name read from a piped object (a customer, a CSV row).</summary>
        public static string? NameOf(PSObject? input)
        {
            if (input == null || input.BaseObject is string) return null;
            string? Text(string property) => InputValues.ToText(input.Properties[property]?.Value);
            return FirstNonEmpty(Text("Name"), string.Join(" ", new[] { Text("Forename"), Text("Surname") }).Trim(), Text("CompanyName"), Text("Email"));
        }

        private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

        public static string Target(string id, string? name) =>
            string.IsNullOrEmpty(name) ? id : $"{id} ({name})";

        /// <summary>
        /// Why a piped record names no customer: an empty Id, or no Id property at all (with its property names, and
        /// a hint when a name shows a CSV file read with the wrong delimiter).
        /// </summary>
        public static string NoIdMessage(PSObject input)
        {
            var names = PropertyNames(input);
            if (names.Contains("Id", StringComparer.OrdinalIgnoreCase))
                return "The input's Id is empty, so it names no customer. No request was sent.";
            string listed = names.Count == 0 ? "none" : string.Join(", ", names.Take(10).Select(n => "'" + n + "'")) + (names.Count > 10 ? ", ..." : "");
            return "The input has no Id property, so it names no customer: pipe customers from Get-SecuCustomer or rows with an " +
                $"Id column (its properties: {listed}).{DelimiterHint(names)} No request was sent.";
        }

        /// <summary>
        /// " A property named 'Id;Name' ..." when a property name holds a delimiter: the whole header of a CSV file that
        /// Import-Csv split with the wrong one (a file written with -UseCulture under a culture that uses ';'). Else "".
        /// </summary>
        public static string DelimiterHint(IEnumerable<string> names)
        {
            foreach (string name in names)
            {
                char delimiter = name.FirstOrDefault(c => c == ';' || c == '\t' || c == '|' || c == ',');
                if (delimiter == default(char)) continue;
                string shown = delimiter == '\t' ? "\"`t\"" : "'" + delimiter + "'";
                return $" A property named '{name}' looks like a CSV header split at the wrong delimiter: read the file with " +
                    $"Import-Csv -Delimiter {shown} (or -UseCulture for a file written with Export-Csv -UseCulture).";
            }
            return "";
        }

        private static List<string> PropertyNames(PSObject input)
        {
            if (input.BaseObject is IDictionary d) return d.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)).ToList();
            return input.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty || p.MemberType == PSMemberTypes.Property)
                .Select(p => p.Name).ToList();
        }

        /// <summary>Reads an id from a piped object: a string, or its Id property; without surrounding whitespace.</summary>
        public static string? IdOf(PSObject? input)
        {
            if (input == null) return null;
            if (input.BaseObject is string s) return s.Trim();
            if (input.BaseObject is IDictionary d) return InputValues.ToText(d["Id"])?.Trim();
            return InputValues.ToText(input.Properties["Id"]?.Value)?.Trim();
        }

        /// <summary>
        /// Reads -Contact: a hashtable or object in the API's contact shape (forename, dob, address.postal_code, ...) or
        /// with the output's names (Forename, PostalCode). A key that names no field is an error, unless the contact is
        /// one the module wrote (its Contact property), whose members the module does not model pass through.
        /// </summary>
        public static Contact? ContactFromObject(object value, out string? problem)
        {
            problem = null;
            JToken token;
            try
            {
                token = PowerShellJson.From(value, "-Contact");
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
            Contact contact;
            try
            {
                using (var reader = obj.CreateReader())
                {
                    reader.Read();
                    contact = ModelJson.ReadContact(reader, IsModuleContact(value)) ?? new Contact();
                }
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                problem = "-Contact does not have the API's contact shape: " + ex.Message;
                return null;
            }
            contact.Name = null;
            if (!IsModuleContact(value))
            {
                problem = AdoptNamedFields(contact, false) ?? AdoptNamedFields(contact, true);
                if (problem != null) return null;
                // What the user typed is trimmed like every other value; a contact the module wrote passes as stored.
                foreach (var field in CustomerFields.All) contact[field] = Given(contact[field]);
            }
            string? dob = contact[CustomerFields.DateOfBirth];
            if (dob != null)
            {
                if (dob.Length == 0) contact[CustomerFields.DateOfBirth] = null;
                else
                {
                    var reading = DateOfBirthParser.Read(dob, CultureInfo.CurrentCulture, out var date, out var other);
                    if (reading == DateReading.Exact && date > DateTime.Today)
                    {
                        problem = CustomerErrors.FutureDateMessage($"the contact's dob '{dob}'", date);
                        return null;
                    }
                    if (reading == DateReading.Exact) contact[CustomerFields.DateOfBirth] = DateOfBirthParser.ToWire(date);
                    else
                    {
                        problem = reading == DateReading.Ambiguous
                            ? UnsettledDate.Ambiguous(dob, date, other).Message
                            : $"Cannot use '{dob}' as the contact's dob: expected a date such as 1991-02-03.";
                        return null;
                    }
                }
            }
            return contact;
        }

        /// <summary>The InvalidCharacters error for the first field of a -Contact the user wrote that cannot be sent, or null.</summary>
        public static ErrorRecord? CheckContact(Contact contact, object given, object target)
        {
            if (IsModuleContact(given)) return null;
            foreach (var field in CustomerFields.All)
            {
                var bad = InvalidCharacters(field, contact[field], target);
                if (bad != null) return bad;
            }
            return null;
        }

        /// <summary>True for the raw contact of a customer the module wrote (also after Export-Clixml/Import-Clixml).</summary>
        private static bool IsModuleContact(object value)
        {
            if (!(value is PSObject pso)) return false;
            foreach (var name in pso.TypeNames)
                if (name == CustomerOutput.ContactTypeName || name == "Deserialized." + CustomerOutput.ContactTypeName) return true;
            return false;
        }

        /// <summary>
        /// Moves members a user named by a field's name or alias (Forename, City, postal_code) into their fields; any
        /// other unknown member is a mistake: returns the message naming it and the nearest field.
        /// </summary>
        private static string? AdoptNamedFields(Contact contact, bool address)
        {
            var members = address ? contact.UnknownInAddress : contact.Unknown;
            if (members == null) return null;
            foreach (var member in members.Properties().ToList())
            {
                var field = CustomerFields.Find(member.Name);
                if (field == null || (address && !field.InAddress))
                {
                    string where = address ? "contact.address" : "-Contact";
                    return $"{where} has the key '{member.Name}', which is no contact field. Did you mean '{Nearest(member.Name)}'? " +
                        $"Fields: {string.Join(", ", CustomerFields.Names)}. No request was sent.";
                }
                if (!(member.Value is JValue v) || v.Type == JTokenType.Object || v.Type == JTokenType.Array)
                    return $"-Contact's '{member.Name}' must be a single value. No request was sent.";
                contact[field] = v.Type == JTokenType.Null ? null : Convert.ToString(v.Value, CultureInfo.InvariantCulture);
            }
            if (address) contact.UnknownInAddress = null;
            else contact.Unknown = null;
            return null;
        }

        /// <summary>The field name or wire name closest to a mistyped key (by edit distance).</summary>
        public static string? Nearest(string name)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (var field in CustomerFields.All)
            {
                foreach (var candidate in new[] { field.WireName, field.Name })
                {
                    int d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
                    if (d < bestDistance)
                    {
                        bestDistance = d;
                        best = candidate;
                    }
                }
            }
            return best;
        }

        private static int Distance(string a, string b)
        {
            var row = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) row[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                int diagonal = row[0];
                row[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int above = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                    diagonal = above;
                }
            }
            return row[b.Length];
        }
    }
}
