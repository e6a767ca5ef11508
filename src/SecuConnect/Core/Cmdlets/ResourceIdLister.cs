using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// The ids a completer offers for a resource: the first matching page of the connection in use, fetched within 2 s,
    /// cached for a minute per connection, and nothing (no error) when not connected or the API does not answer in time.
    /// </summary>
    internal static class ResourceIdLister
    {
        public const int PageSize = 50;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly Regex ValidPrefix = new Regex(@"\A[A-Z0-9_*]{0,34}\z", RegexOptions.CultureInvariant);
        private static readonly ConditionalWeakTable<SecuConnection, ConcurrentDictionary<string, CacheEntry>> Cache =
            new ConditionalWeakTable<SecuConnection, ConcurrentDictionary<string, CacheEntry>>();

        /// <summary>The -Connection being typed, else the runspace's default; null when there is none to ask.</summary>
        public static SecuConnection? ConnectionFor(IDictionary? fakeBoundParameters)
        {
            var connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as SecuConnection
                             ?? fakeBoundParameters?["Connection"] as SecuConnection
                             ?? ConnectionStore.Get();
            return connection == null || connection.IsDisposed ? null : connection;
        }

        /// <summary>
        /// The typed word as an id prefix of the kind <paramref name="idStart"/> ("PCU_"), upper-cased; null when it
        /// cannot start such an id, so nothing is asked of the API.
        /// </summary>
        public static string? IdPrefix(string word, string idStart)
        {
            string prefix = (word ?? string.Empty).Trim('\'', '"').Trim().ToUpperInvariant();
            if (prefix.Length > 0 && !idStart.StartsWith(prefix, StringComparison.Ordinal) && !prefix.StartsWith(idStart, StringComparison.Ordinal) && prefix.IndexOf('*') < 0)
                return null;
            // Only id characters reach the filter: anything else cannot start an id.
            return ValidPrefix.IsMatch(prefix) ? prefix : null;
        }

        /// <summary>The first page's query: <paramref name="fields"/>, and an id filter once the prefix goes beyond the id's start.</summary>
        public static List<KeyValuePair<string, string>> Query(string prefix, string idStart, string fields)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("count", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("fields", fields),
            };
            string? pattern = prefix.Length <= idStart.Length ? null : prefix.IndexOf('*') >= 0 ? prefix : prefix + "*";
            if (pattern != null) query.Add(new KeyValuePair<string, string>("q", "id:" + pattern));
            return query;
        }

        /// <summary>Ids and descriptions from the cache, else from <paramref name="fetch"/> within the timeout.</summary>
        public static List<KeyValuePair<string, string>> Lookup(SecuConnection connection, string cacheKey,
            Func<CancellationToken, Task<List<KeyValuePair<string, string>>>> fetch)
        {
            var cache = Cache.GetValue(connection, _ => new ConcurrentDictionary<string, CacheEntry>(StringComparer.Ordinal));
            if (cache.TryGetValue(cacheKey, out var hit) && DateTimeOffset.UtcNow - hit.At < CacheLifetime) return hit.Items;
            using (var cts = new CancellationTokenSource(Timeout))
            {
                var task = fetch(cts.Token);
                if (!task.Wait(Timeout)) return new List<KeyValuePair<string, string>>();
                cache[cacheKey] = new CacheEntry { At = DateTimeOffset.UtcNow, Items = task.Result };
                return task.Result;
            }
        }

        /// <summary>
        /// The ids of any list resource under /api/v2 (Payment/Containers) that start with <paramref name="prefix"/>,
        /// each described by the member <paramref name="described"/>; only values of the id's form are offered.
        /// </summary>
        public static List<KeyValuePair<string, string>> List(SecuConnection connection, string resource, string idStart, Regex validId,
            string prefix, string described)
        {
            return Lookup(connection, resource + "|" + prefix, async token =>
            {
                var uri = ApiPaths.Resolve(connection.BaseUri, resource, out _);
                var page = await new GenericClient(connection, new ApiLogQueue())
                    .ListPageAsync(uri, Query(prefix, idStart, "id," + described), token).ConfigureAwait(false);
                return page.Data
                    // A pair without an id is dropped on the next line; one without a description keeps a null value.
                    .Select(item => new KeyValuePair<string, string>((item as JObject)?["id"]?.ToString()!, (item as JObject)?.SelectToken(described)?.ToString()!))
                    .Where(pair => pair.Key != null && validId.IsMatch(pair.Key))
                    .ToList();
            });
        }

        /// <summary>Completion results for ids, each shown with its description when there is one.</summary>
        public static IEnumerable<CompletionResult> Results(IEnumerable<KeyValuePair<string, string>> ids, string textPrefix = "") =>
            ids.Select(e => new CompletionResult(textPrefix + e.Key, e.Key, CompletionResultType.ParameterValue, string.IsNullOrEmpty(e.Value) ? e.Key : e.Value));

        private sealed class CacheEntry
        {
            public DateTimeOffset At;
            public List<KeyValuePair<string, string>> Items = new List<KeyValuePair<string, string>>();
        }
    }
}
