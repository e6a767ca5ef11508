using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Scrolls;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Query;

/// <summary>
/// GET on a resource's collection, the same for every resource (the contract copy, tests/Contract/): count and
/// offset, q, sort, fields, validate, and the scroll search (scroll_expire, then scroll_id). The resource gives its
/// records, its <see cref="ListSchema{T}"/> and how one record is answered.
/// </summary>
public sealed class RecordListing<T>(ListSchema<T> schema, ScrollRegistry scrolls, bool strict) where T : IStoredRecord
{
    public const int DefaultCount = 20;
    public const int MaxCount = 1000;

    /// <param name="all">the records in creation order</param>
    /// <param name="answer">a record's answer as the API sends it</param>
    public ApiResult List(IQueryCollection query, Func<IReadOnlyList<T>> all, Func<T, byte[]> answer)
    {
        try
        {
            string? scrollId = query["scroll_id"];
            if (!string.IsNullOrEmpty(scrollId)) return ContinueScroll(scrollId, answer);

            string? q = query["q"];
            if (IsSet(query["validate"]))
                return new ApiResult(200, JsonSerializer.SerializeToUtf8Bytes(new ValidateResult(QueryParser.IsValid(q)), SandboxJson.Context.ValidateResult));

            int count = ParseCount(query["count"]);
            long offset = ParseOffset(query["offset"]);
            var filter = QueryParser.Parse(q, schema.Resolve);
            var sort = SortSpec<T>.Parse(query["sort"], schema.Resolve, strict ? path => schema.IsKnown(path, false) : null);
            var fields = FieldProjection.Parse(query["fields"], strict ? path => schema.IsKnown(path, true) : null);
            string? expire = query["scroll_expire"];
            TimeSpan? keepAlive = string.IsNullOrEmpty(expire) ? null : ScrollRegistry.ParseExpire(expire);

            IReadOnlyList<T> records = all();
            IReadOnlyList<T> matches = filter == null ? records : records.Where(filter.Matches).ToList();
            if (sort != null)
            {
                var sorted = matches.ToArray();
                Array.Sort(sorted, sort);
                matches = sorted;
            }

            int from = (int)Math.Min(offset, matches.Count);
            int to = (int)Math.Min((long)from + count, matches.Count);
            string? next = null;
            if (keepAlive is { } ka)
            {
                var context = scrolls.Open(matches, count, fields, ka);
                next = scrolls.CursorFor(context, to);
            }
            return Page(matches.Count, matches, from, to, fields, next, answer);
        }
        catch (QuerySyntaxException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
    }

    private ApiResult ContinueScroll(string scrollId, Func<T, byte[]> answer)
    {
        if (!scrolls.TryResolve<T>(scrollId, out var context, out int position))
            return ApiErrors.NotFoundResult($"scroll_id {scrollId} not found or expired");
        int end = Math.Min(position + context.PageSize, context.Items.Count);
        // Answers to scroll_id calls carry no count; the id for the following batch is handed out with this one.
        return Page(null, context.Items, position, end, context.Fields, scrolls.CursorFor(context, end), answer);
    }

    private ApiResult Page(int? total, IReadOnlyList<T> items, int from, int to, FieldProjection? fields, string? scrollId, Func<T, byte[]> answer)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (to - from) * 600);
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions))
        {
            w.WriteStartObject();
            if (total is { } t) w.WriteNumber("count", t);
            w.WriteStartArray("data");
            for (int i = from; i < to; i++)
            {
                byte[] json = answer(items[i]);
                w.WriteRawValue(fields == null ? json : fields.Apply(schema.ObjectName, items[i].Id, json), skipInputValidation: true);
            }
            w.WriteEndArray();
            if (scrollId != null) w.WriteString("scroll_id", scrollId);
            w.WriteEndObject();
        }
        return new ApiResult(200, buffer.WrittenSpan.ToArray());
    }

    private static int ParseCount(string? value)
    {
        if (string.IsNullOrEmpty(value)) return DefaultCount;
        if (!long.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) || n < 0)
        {
            // Digits too long for a long are still a (huge) count: serve the maximum.
            if (value.Trim().All(char.IsAsciiDigit)) return MaxCount;
            throw new QuerySyntaxException($"invalid count '{value}': a non-negative integer expected");
        }
        return (int)Math.Min(n, MaxCount);
    }

    private static long ParseOffset(string? value)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        if (!long.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) || n < 0)
        {
            if (value.Trim().All(char.IsAsciiDigit)) return long.MaxValue;
            throw new QuerySyntaxException($"invalid offset '{value}': a non-negative integer expected");
        }
        return n;
    }

    private static bool IsSet(string? flag) =>
        !string.IsNullOrEmpty(flag) && flag != "0" && !flag.Equals("false", StringComparison.OrdinalIgnoreCase);
}
