using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using SecuConnect.Api;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Completes customer ids from the first matching page of the connection in use: at most 2 s, cached for a
    /// minute, and silent (no results, no error) when not connected or the API does not answer.
    /// </summary>
    public sealed class CustomerIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
        private static readonly System.Text.RegularExpressions.Regex ValidPrefix =
            new System.Text.RegularExpressions.Regex(@"\A[A-Z0-9_*]{0,34}\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly ConditionalWeakTable<SecuConnection, ConcurrentDictionary<string, CacheEntry>> Cache =
            new ConditionalWeakTable<SecuConnection, ConcurrentDictionary<string, CacheEntry>>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as SecuConnection
                                 ?? fakeBoundParameters?["Connection"] as SecuConnection
                                 ?? ConnectionStore.Get();
                if (connection == null || connection.IsDisposed) return Enumerable.Empty<CompletionResult>();
                string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"').Trim().ToUpperInvariant();
                if (prefix.Length > 0 && !"PCU_".StartsWith(prefix, StringComparison.Ordinal) && !prefix.StartsWith("PCU_", StringComparison.Ordinal) && prefix.IndexOf('*') < 0)
                    return Enumerable.Empty<CompletionResult>();
                // Only id characters reach the filter: anything else cannot start a customer id.
                if (!ValidPrefix.IsMatch(prefix)) return Enumerable.Empty<CompletionResult>();
                var entries = Lookup(connection, prefix);
                return entries.Select(e => new CompletionResult(e.Key, e.Key, CompletionResultType.ParameterValue, string.IsNullOrEmpty(e.Value) ? e.Key : e.Value));
            }
            catch (Exception)
            {
                // Completion must never disturb typing.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private static List<KeyValuePair<string, string>> Lookup(SecuConnection connection, string prefix)
        {
            var cache = Cache.GetValue(connection, _ => new ConcurrentDictionary<string, CacheEntry>(StringComparer.Ordinal));
            if (cache.TryGetValue(prefix, out var hit) && DateTimeOffset.UtcNow - hit.At < CacheLifetime) return hit.Items;

            var query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("count", "50"),
                new KeyValuePair<string, string>("fields", "id,contact.name"),
            };
            string pattern = prefix.Length <= 4 ? null : prefix.IndexOf('*') >= 0 ? prefix : prefix + "*";
            if (pattern != null) query.Add(new KeyValuePair<string, string>("q", "id:" + pattern));
            using (var cts = new CancellationTokenSource(Timeout))
            {
                var client = new SecuClient(connection, new ApiLogQueue());
                var task = client.ListPageAsync(query, cts.Token);
                if (!task.Wait(Timeout)) return new List<KeyValuePair<string, string>>();
                var items = (task.Result.Data ?? new List<Models.PaymentCustomer>())
                    // Only real customer ids: a value the API (or something in between) returns is never offered as typed input otherwise.
                    .Where(c => CustomerIds.IsValid(c.Id))
                    .Select(c => new KeyValuePair<string, string>(c.Id, c.Contact?.Name))
                    .ToList();
                cache[prefix] = new CacheEntry { At = DateTimeOffset.UtcNow, Items = items };
                return items;
            }
        }

        private sealed class CacheEntry
        {
            public DateTimeOffset At;
            public List<KeyValuePair<string, string>> Items;
        }
    }
}
