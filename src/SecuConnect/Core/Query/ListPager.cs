using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;

namespace SecuConnect.Core
{
    /// <summary>
    /// A lazy listing of a list resource of the API (answers {count, data, scroll_id}): customers or any other. A page
    /// is requested only when the consumer needs it: the next one once half of the current page has been taken, so a
    /// consumer that stops early (Select-Object -First) causes no further request.
    /// All-pages listings use the scroll search (a stable snapshot); -First/-Skip use count/offset.
    /// Enumeration blocks the calling thread; disposing the enumerator cancels a page still in flight.
    /// </summary>
    internal class ListPager<T> : IEnumerable<T>
    {
        private readonly Func<List<KeyValuePair<string, string>>, CancellationToken, Task<ListPage<T>>> _fetch;
        private readonly ApiLogQueue _log;
        private readonly string _noun;
        private readonly ListQuery _query;
        private readonly CancellationToken _cancellationToken;

        /// <param name="query">Page size, paging mode, filter and further parameters.</param>
        /// <param name="fetch">Requests one page with the given query parameters.</param>
        /// <param name="log">Where warnings about short or shifting listings go.</param>
        /// <param name="noun">What is listed, in the plural ("customers"), for those warnings.</param>
        internal ListPager(ListQuery query, Func<List<KeyValuePair<string, string>>, CancellationToken, Task<ListPage<T>>> fetch,
            ApiLogQueue log, string noun, CancellationToken cancellationToken)
        {
            _query = query ?? new ListQuery();
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            _log = log ?? new ApiLogQueue();
            _noun = noun ?? "items";
            _cancellationToken = cancellationToken;
        }

        /// <summary>The total number of matches reported by the first page; null before it or when the API gave none.</summary>
        public long? Total { get; private set; }

        /// <summary>True once the first page has arrived.</summary>
        public bool HasFirstPage { get; private set; }


        public long Received { get; private set; }

        public IEnumerator<T> GetEnumerator() => Enumerate();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int PageSize
        {
            get
            {
                int size = _query.PageSize <= 0 ? ListQuery.DefaultPageSize : Math.Min(_query.PageSize, ListQuery.MaxPageSize);
                return size;
            }
        }

        private IEnumerator<T> Enumerate()
        {
            if (_query.First.HasValue && _query.First.Value <= 0) yield break;
            var cts = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
            Task<ListPage<T>>? pending = null;
            try
            {
                long requested = 0; // items asked for so far in offset mode
                string? scrollId = null;
                ListPage<T> page = Wait(FetchFirst(cts.Token, ref requested));
                HasFirstPage = true;
                Total = page.Count;
                long fetched = 0;
                bool totalShifted = false;

                while (true)
                {
                    var data = page.Data ?? new List<T>();
                    if (!totalShifted && page.Count.HasValue && Total.HasValue && page.Count.Value != Total.Value && (totalShifted = true))
                        _log.Warning($"The number of matching {_noun} changed during the listing from {Total} to {page.Count}; the result may be incomplete or hold duplicates.");
                    if (data.Count == 0)
                    {
                        WarnOnShortfall();
                        yield break;
                    }
                    fetched += data.Count;
                    scrollId = page.ScrollId ?? scrollId;
                    bool more = MoreExpected(fetched, data.Count, scrollId);
                    for (int i = 0; i < data.Count; i++)
                    {
                        if (more && pending == null && i >= data.Count / 2)
                            pending = FetchNext(cts.Token, scrollId, ref requested);
                        Received++;
                        yield return data[i];
                        if (_query.First.HasValue && Received >= _query.First.Value) yield break;
                    }
                    if (!more)
                    {
                        WarnOnShortfall();
                        yield break;
                    }
                    if (pending == null) pending = FetchNext(cts.Token, scrollId, ref requested);
                    var next = pending;
                    pending = null;
                    page = Wait(next);
                }
            }
            finally
            {
                cts.Cancel();
                // A page fetched ahead and no longer wanted must not surface as an unobserved exception.
                pending?.ContinueWith(t => { _ = t.Exception; }, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                cts.Dispose();
            }
        }

        private bool MoreExpected(long fetched, int pageLength, string? scrollId)
        {
            if (_query.UsesOffsets)
            {
                if (_query.First.HasValue && fetched >= _query.First.Value) return false;
                if (Total.HasValue && _query.Skip + fetched >= Total.Value) return false;
                return true;
            }
            if (scrollId == null)
            {
                _log.Warning("The API returned no scroll_id, so the listing stops after the first page.");
                return false;
            }
            return !Total.HasValue || fetched < Total.Value;
        }

        private void WarnOnShortfall()
        {
            if (!Total.HasValue) return;
            long expected = _query.UsesOffsets ? Math.Max(0, Total.Value - _query.Skip) : Total.Value;
            if (_query.First.HasValue) expected = Math.Min(expected, _query.First.Value);
            if (Received < expected)
                _log.Warning($"Received {Received.ToString(CultureInfo.InvariantCulture)} of {expected.ToString(CultureInfo.InvariantCulture)} matching {_noun}: records changed or the listing ended early on the server.");
        }

        private Task<ListPage<T>> FetchFirst(CancellationToken token, ref long requested)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (_query.UsesOffsets)
            {
                int count = NextCount(requested);
                query.Add(Pair("count", count.ToString(CultureInfo.InvariantCulture)));
                if (_query.Skip > 0) query.Add(Pair("offset", _query.Skip.ToString(CultureInfo.InvariantCulture)));
                requested += count;
            }
            else
            {
                query.Add(Pair("count", PageSize.ToString(CultureInfo.InvariantCulture)));
                query.Add(Pair("scroll_expire", _query.ScrollExpire));
            }
            if (!string.IsNullOrEmpty(_query.Filter)) query.Add(Pair("q", _query.Filter));
            if (!string.IsNullOrEmpty(_query.Sort)) query.Add(Pair("sort", _query.Sort));
            if (!string.IsNullOrEmpty(_query.Fields)) query.Add(Pair("fields", _query.Fields));
            AddParameters(query);
            return Fetch(query, token);
        }

        private Task<ListPage<T>> FetchNext(CancellationToken token, string? scrollId, ref long requested)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (_query.UsesOffsets)
            {
                int count = NextCount(requested);
                query.Add(Pair("count", count.ToString(CultureInfo.InvariantCulture)));
                query.Add(Pair("offset", (_query.Skip + requested).ToString(CultureInfo.InvariantCulture)));
                requested += count;
                if (!string.IsNullOrEmpty(_query.Filter)) query.Add(Pair("q", _query.Filter));
                if (!string.IsNullOrEmpty(_query.Sort)) query.Add(Pair("sort", _query.Sort));
                if (!string.IsNullOrEmpty(_query.Fields)) query.Add(Pair("fields", _query.Fields));
                AddParameters(query);
            }
            else
            {
                // A scroll keeps its filter, order and fields: follow-up calls send only the id.
                query.Add(Pair("scroll_id", scrollId));
            }
            return Fetch(query, token);
        }

        private void AddParameters(List<KeyValuePair<string, string>> query)
        {
            if (_query.Parameters == null) return;
            foreach (var pair in _query.Parameters) query.Add(pair);
        }

        private int NextCount(long requested)
        {
            long count = PageSize;
            if (_query.First.HasValue) count = Math.Min(count, _query.First.Value - requested);
            return (int)Math.Max(0, count);
        }

        private Task<ListPage<T>> Fetch(List<KeyValuePair<string, string>> query, CancellationToken token)
        {
            return _fetch(query, token);
        }

        // A null value stays in the list and is left out of the query string (ApiPaths.QueryString).
        private static KeyValuePair<string, string> Pair(string key, string? value) => new KeyValuePair<string, string>(key, value!);

        private static ListPage<T> Wait(Task<ListPage<T>> task) => task.GetAwaiter().GetResult();
    }

    /// <summary>One page of a listing: the total the API reported (not the page length), the page's items, the scroll id.</summary>
    internal sealed class ListPage<T>
    {
        public ListPage(long? count, List<T>? data, string? scrollId)
        {
            Count = count;
            Data = data;
            ScrollId = scrollId;
        }

        public long? Count { get; }
        public List<T>? Data { get; }
        public string? ScrollId { get; }
    }
}
