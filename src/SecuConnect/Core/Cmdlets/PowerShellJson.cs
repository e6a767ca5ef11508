using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Both directions between PowerShell values and JSON. To JSON, for -Body and -Contact: hashtables and objects become JSON objects with their names as
    /// given, lists arrays, numbers and booleans keep their JSON type (so members the module does not model go back
    /// as they came), dates ISO 8601, byte arrays base64; a SecureString is refused. From JSON, for output:
    /// objects as PSObjects, arrays as object[], values as themselves.
    /// </summary>
    internal static class PowerShellJson
    {
        /// <summary>How deep a value may nest; deeper is almost certainly an object that refers to itself.</summary>
        public const int MaxDepth = 32;

        /// <summary>The value as JSON; <paramref name="parameter"/> names it in errors.</summary>
        /// <exception cref="ArgumentException">The value cannot be sent as JSON (the message says why).</exception>
        public static JToken From(object value, string parameter) => ToJson(value, parameter, 0);

        /// <summary>Raw JSON as PowerShell sees it: objects as PSObjects, arrays as object[], values as themselves.</summary>
        public static object? ToPowerShell(JToken? token)
        {
            switch (token)
            {
                case null:
                    return null;
                case JObject obj:
                {
                    var o = new PSObject();
                    foreach (var m in obj.Properties()) o.Properties.Add(new PSNoteProperty(m.Name, ToPowerShell(m.Value)), true);
                    return o;
                }
                case JArray array:
                {
                    var items = new object?[array.Count];
                    for (int i = 0; i < items.Length; i++) items[i] = ToPowerShell(array[i]);
                    return items;
                }
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString();
            }
        }

        /// <summary>A PowerShell value as JSON, names as given and values keeping their JSON type.</summary>
        private static JToken ToJson(object value, string parameter, int depth)
        {
            if (depth > MaxDepth)
                throw new ArgumentException($"{parameter} is nested more than {MaxDepth} levels deep; an object that refers to itself cannot be sent as JSON.");
            value = InputValues.Unwrap(value);
            switch (value)
            {
                case null:
                    return JValue.CreateNull();
                case string s:
                    return new JValue(s);
                case char c:
                    return new JValue(c.ToString());
                case bool b:
                    return new JValue(b);
                case DateTime dt:
                    return new JValue(DateText(dt));
                case DateTimeOffset dto:
                    return new JValue(dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                case Enum e:
                    return new JValue(e.ToString());
                case Guid g:
                    return new JValue(g.ToString());
                case Uri u:
                    return new JValue(u.OriginalString);
                case SecureString _:
                    throw new ArgumentException($"{parameter} holds a SecureString, which is never sent in clear text by this module. Convert the value yourself if the API needs it.");
                case byte[] bytes:
                    // The API takes file contents (documents, pictures) as base64 text.
                    return new JValue(Convert.ToBase64String(bytes));
                case IFormattable _ when value.GetType().IsPrimitive || value is decimal:
                    return new JValue(value);
                case IDictionary dict:
                {
                    var obj = new JObject();
                    foreach (DictionaryEntry entry in dict)
                        obj[Convert.ToString(InputValues.Unwrap(entry.Key), CultureInfo.InvariantCulture)] = ToJson(entry.Value, parameter, depth + 1);
                    return obj;
                }
                case PSObject pso:
                    return Members(pso, parameter, depth);
                case IEnumerable items:
                {
                    var array = new JArray();
                    foreach (var item in items) array.Add(ToJson(item, parameter, depth + 1));
                    return array;
                }
                default:
                    return Members(PSObject.AsPSObject(value), parameter, depth);
            }
        }

        /// <summary>A date without time or zone (as [datetime]'1901-02-03' gives) as yyyy-MM-dd, else ISO 8601 with its offset.</summary>
        public static string DateText(DateTime dt)
        {
            if (dt.Kind == DateTimeKind.Unspecified && dt.TimeOfDay == TimeSpan.Zero)
                return dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (dt.Kind == DateTimeKind.Unspecified)
                return dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            return new DateTimeOffset(dt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        private static JObject Members(PSObject pso, string parameter, int depth)
        {
            var obj = new JObject();
            foreach (var p in pso.Properties)
            {
                if (p.MemberType != PSMemberTypes.NoteProperty && p.MemberType != PSMemberTypes.Property) continue;
                obj[p.Name] = ToJson(p.Value, parameter, depth + 1);
            }
            return obj;
        }

        // A PSObject around a .NET value is that value; a PSCustomObject stays a PSObject (its members are the data).
    }
}
