using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SecuConnect.Core
{
    /// <summary>
    /// Turns the names users see on output objects (City, Email, DateOfBirth) into the API's paths
    /// (contact.address.city) in -Filter, -Sort and -Property, and encodes -Filter values the way the API decodes
    /// them: each term value URL-encoded inside q (as the vendor's PHP SDK demo does), with the query syntax
    /// (*, ?, quotes, parentheses, brackets, AND/OR/NOT) left as syntax. A lower-case dotted name (contact.x) is taken as an API
    /// path as it is, so members the module does not model stay reachable. The names and the date fields come from
    /// the resource's <see cref="IQueryFields"/>, so every resource's listing reads its filters the same way.
    /// </summary>
    internal sealed class QueryTranslator
    {
        private static readonly Regex ApiPath = new Regex(@"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", RegexOptions.CultureInvariant);

        private readonly IQueryFields _fields;

        public QueryTranslator(IQueryFields fields) => _fields = fields ?? throw new ArgumentNullException(nameof(fields));

        /// <summary>The names the module knows, for messages and completion.</summary>
        public IEnumerable<string> KnownNames => _fields.Names;

        /// <summary>The API path for an output name, alias or API path; null when it is none of them.</summary>
        public string? PathOf(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            name = name.Trim();
            return _fields.PathOf(name) ?? (ApiPath.IsMatch(name) ? name : null);
        }

        /// <summary>
        /// -Sort values (Surname, City:desc, -Created, created:asc,Email; each may list several, separated by commas) in
        /// the API's form. A leading - means descending, as in JSON:API; a leading + ascending. Throws ArgumentException
        /// naming what is wrong.
        /// </summary>
        public string Sort(IEnumerable<string> sort)
        {
            var parts = new List<string>();
            foreach (var item in sort.SelectMany(s => (s ?? string.Empty).Split(',')))
            {
                string text = item.Trim();
                if (text.Length == 0) continue;
                string? sign = text[0] == '-' || text[0] == '+' ? text.Substring(0, 1) : null;
                string rest = sign == null ? text : text.Substring(1).Trim();
                int colon = rest.LastIndexOf(':');
                string name = colon < 0 ? rest : rest.Substring(0, colon).Trim();
                string order = colon >= 0 ? rest.Substring(colon + 1).Trim().ToLowerInvariant() : sign == "-" ? "desc" : "asc";
                if (order != "asc" && order != "desc")
                    throw new ArgumentException($"Cannot sort by '{text}': the order is asc or desc, as in 'Surname:desc' or '-Surname'.");
                if (sign != null && colon >= 0 && order != (sign == "-" ? "desc" : "asc"))
                    throw new ArgumentException($"Cannot sort by '{text}': the leading {sign} and :{order} ask for opposite orders; give one of them.");
                if (colon < 0 && Regex.IsMatch(text, @"\s(asc|desc)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                    throw new ArgumentException($"Cannot sort by '{text}': write the order after a colon, as in 'Surname:desc'.");
                parts.Add(Path(name, "sort by") + ":" + order);
            }
            if (parts.Count == 0) throw new ArgumentException("-Sort names no field.");
            return string.Join(",", parts);
        }

        /// <summary>A -Filter value in the API's q form: names translated, term values encoded; throws ArgumentException.</summary>
        public string Filter(string filter)
        {
            var sb = new StringBuilder(filter.Length + 16);
            // One entry per open parenthesis: true inside a group of values (City:(Berlin OR Bonn)), whose words are
            // values; false for a group of terms, whose words must be property:value or an operator.
            var groups = new Stack<bool>();
            int i = 0;
            while (i < filter.Length)
            {
                char c = filter[i];
                bool inValues = groups.Count > 0 && groups.Peek();
                // NOT written as a prefix (!City:Berlin, -City:Berlin) before a term.
                bool prefix = !inValues && (c == '!' || c == '-') && i + 1 < filter.Length && !char.IsWhiteSpace(filter[i + 1]);
                if (char.IsWhiteSpace(c) || c == '(' || c == ')' || prefix)
                {
                    if (c == '(') groups.Push(inValues);
                    else if (c == ')' && groups.Count > 0) groups.Pop();
                    sb.Append(c);
                    i++;
                    continue;
                }
                int start = i;
                while (i < filter.Length && filter[i] != ':' && !char.IsWhiteSpace(filter[i]) && filter[i] != '(' && filter[i] != ')') i++;
                string word = filter.Substring(start, i - start);
                if (i >= filter.Length || filter[i] != ':')
                {
                    if (!IsOperator(word) && !inValues)
                    {
                        // The API's terms are all property:value; a word on its own is most often the rest of a value with spaces.
                        throw new ArgumentException($"Cannot read '{word}' in the filter '{filter}': each term is property:value, such as " +
                            "City:Berlin, joined by AND, OR or NOT. A value with spaces goes in double quotes: City:\"New York\".");
                    }
                    sb.Append(IsOperator(word) ? word : Encode(word));
                    continue;
                }
                string path = Path(word, "filter on");
                sb.Append(path).Append(':');
                i++;
                i = AppendValue(filter, i, sb, groups, path);
            }
            return sb.ToString();
        }

        // The contract (tests/Contract/) names AND, OR and NOT; the sandbox also reads them in any case and as && and ||.
        // All of them pass, so no query is refused for an operator an implementation may accept.
        private static bool IsOperator(string word) =>
            word.Equals("AND", StringComparison.OrdinalIgnoreCase) || word.Equals("OR", StringComparison.OrdinalIgnoreCase) ||
            word.Equals("NOT", StringComparison.OrdinalIgnoreCase) || word == "&&" || word == "||";

        /// <summary>Copies one term value from position <paramref name="i"/>, encoded (a group of values, opened, goes on <paramref name="groups"/>); returns the position after it.</summary>
        private int AppendValue(string filter, int i, StringBuilder sb, Stack<bool> groups, string path)
        {
            if (i < filter.Length && filter[i] == '"')
            {
                int end = i + 1;
                while (end < filter.Length && (filter[end] != '"' || filter[end - 1] == '\\')) end++;
                if (end >= filter.Length) throw new ArgumentException($"The filter has a quote without its closing quote: {filter}");
                sb.Append('"').Append(Encode(filter.Substring(i + 1, end - i - 1))).Append('"');
                return end + 1;
            }
            if (i < filter.Length && filter[i] == '[')
            {
                int end = filter.IndexOf(']', i);
                if (end < 0) throw new ArgumentException($"The filter has a range without its closing bracket: {filter}");
                string[] bounds = Regex.Split(filter.Substring(i + 1, end - i - 1).Trim(), @"\s+TO\s+");
                if (bounds.Length != 2) throw new ArgumentException($"A range is written [min TO max]: {filter.Substring(i, end - i + 1)}");
                sb.Append('[').Append(Encode(bounds[0])).Append(" TO ").Append(Encode(bounds[1])).Append(']');
                return end + 1;
            }
            if (i < filter.Length && filter[i] == '(')
            {
                // A group of values, field:(a OR b): the parenthesis stays syntax, the values inside are encoded as words.
                sb.Append('(');
                groups.Push(true);
                return i + 1;
            }
            int start = i;
            while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] != ')')
            {
                if (filter[i] == '\\' && i + 1 < filter.Length) i++;
                i++;
            }
            string value = filter.Substring(start, i - start);
            sb.Append(DateTerm(path, value) ?? Encode(value));
            return i;
        }

        /// <summary>
        /// A term value on a date field as the range of that day (the API stores dates as timestamps, which a bare
        /// date does not match); null when the field is no date, or the value a wildcard, so it passes as it is.
        /// </summary>
        private static readonly char[] WildcardChars = { '*', '?', '\\' };

        private string? DateTerm(string path, string value)
        {
            if (value.IndexOfAny(WildcardChars) >= 0) return null;
            string? day = _fields.ExactDay(path, value);
            return day == null ? null : "[" + day + " TO " + day + "]";
        }

        private string Path(string name, string what) =>
            PathOf(name) ?? throw new ArgumentException(
                $"Cannot {what} '{name}': it is neither {_fields.Description} ({string.Join(", ", KnownNames)}) nor an API path such as {_fields.ExamplePath}.");

        /// <summary>
        /// Percent-encodes a value as UTF-8, keeping letters, digits, - _ . ~ and the wildcards * and ?; a backslash makes
        /// the next character literal (\* is an asterisk, not a wildcard). A space becomes %20, never a bare +.
        /// </summary>
        public static string Encode(string value)
        {
            var sb = new StringBuilder(value.Length + 8);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool literal = false;
                if (c == '\\' && i + 1 < value.Length)
                {
                    c = value[++i];
                    literal = true;
                }
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' ||
                    (!literal && (c == '*' || c == '?')))
                {
                    sb.Append(c);
                    continue;
                }
                string text = char.IsHighSurrogate(c) && i + 1 < value.Length ? new string(new[] { c, value[++i] }) : c.ToString();
                foreach (byte b in Encoding.UTF8.GetBytes(text)) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }

    /// <summary>A resource's names for -Filter, -Sort and -Property: its output properties and their API paths.</summary>
    internal interface IQueryFields
    {
        /// <summary>The output property names, in the order messages and completion list them.</summary>
        IEnumerable<string> Names { get; }

        /// <summary>How a message names one of them: "a customer property".</summary>
        string Description { get; }

        /// <summary>An API path of this resource for messages: "contact.address.city".</summary>
        string ExamplePath { get; }

        /// <summary>The API path of an output name or alias; null when it is none.</summary>
        string? PathOf(string name);

        /// <summary>
        /// For a date field's <paramref name="path"/>: the day <paramref name="value"/> names exactly, as yyyy-MM-dd;
        /// null when the field is no date or the value no date. Throws ArgumentException for an ambiguous date.
        /// </summary>
        string? ExactDay(string path, string value);
    }
}
