using System;
using System.Collections.Specialized;
using Newtonsoft.Json.Linq;

namespace SecuConnect.Commands
{
    /// <summary>
    /// An answer of Invoke-SecuConnectRequest -OutputType Hashtable, as Invoke-MgGraphRequest gives it: JSON objects as
    /// ordered hashtables (keys in the API's order, case-insensitive like PowerShell's [ordered]@{}), arrays as
    /// object[], values as themselves; dates stay the API's text.
    /// </summary>
    internal static class RequestOutput
    {
        public static object? ToHashtable(JToken token)
        {
            switch (token)
            {
                case null:
                    return null;
                case JObject obj:
                {
                    var table = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                    foreach (var member in obj.Properties()) table[member.Name] = ToHashtable(member.Value);
                    return table;
                }
                case JArray array:
                {
                    var items = new object?[array.Count];
                    for (int i = 0; i < items.Length; i++) items[i] = ToHashtable(array[i]);
                    return items;
                }
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString();
            }
        }
    }
}
