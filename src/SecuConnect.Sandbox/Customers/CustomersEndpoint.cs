using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.Query;
using SecuConnect.Sandbox.Scrolls;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Customers;

/// <summary>The five Payment Customers operations (the contract copy, tests/Contract/payment-customers.openapi.json).</summary>
public sealed class CustomersEndpoint(ICustomerStore store, SandboxOptions options, RuntimeSettings settings, TimeProvider time, ScrollRegistry scrolls)
{
    public const int DefaultCount = 20;
    public const int MaxCount = 1000;

    public ApiResult Get(string id) =>
        store.Get(id) is { } r ? new ApiResult(200, r.Answer(ArrayAddress)) : NotFound(id);

    public ApiResult Create(byte[] body)
    {
        var extra = settings.ExtraFields;
        string? error = CustomerInputParser.TryParse(body, out var parsed,
            Known(extra.Contact, []), Known(extra.Address, []), rejectUnknown: options.Strict);
        if (error != null) return ApiErrors.BadRequest(error);
        // Configured extra members a new customer gets, unless the body gives a value of its own.
        var contact = new ContactData(parsed!.Values, parsed.Address,
            WithDefaults(extra.Contact, parsed.Extras), WithDefaults(extra.Address, parsed.AddressExtras));
        string created = Now();
        var record = store.Add((id, seq) => new CustomerRecord(id, seq, options.OmitContract ? null : options.ContractId, options.MerchantId, contact, created, null, extra.Customer));
        return new ApiResult(200, record.Answer(ArrayAddress));
    }

    public ApiResult Update(string id, byte[] body)
    {
        // An unknown id is reported before the body is judged: there is nothing to update either way.
        var current = store.Get(id);
        if (current == null) return NotFound(id);
        // PUT replaces the contact: extra members the body gives are kept as sent, the others are removed. Known
        // extras are the configured ones and those the customer already has.
        var extra = settings.ExtraFields;
        string? error = CustomerInputParser.TryParse(body, out var contact,
            Known(extra.Contact, current.Contact.Extras), Known(extra.Address, current.Contact.AddressExtras), rejectUnknown: options.Strict);
        if (error != null) return ApiErrors.BadRequest(error);
        string updated = Now();
        var record = store.Replace(id, old => new CustomerRecord(old.Id, old.Seq, old.ContractId, old.MerchantId, contact!, old.Created, updated, old.Extras));
        return record == null ? NotFound(id) : new ApiResult(200, record.Answer(ArrayAddress));
    }

    public ApiResult Delete(string id)
    {
        var old = store.Remove(id);
        if (old == null) return NotFound(id);
        byte[] json = old.Answer(ArrayAddress);
        byte[] body = new byte[json.Length + 2];
        body[0] = (byte)'[';
        json.CopyTo(body, 1);
        body[^1] = (byte)']';
        return new ApiResult(200, body);
    }

    private bool ArrayAddress => settings.ExtraFields.EmptyAddressAsArray;

    private static Func<string, bool>? Known(ExtraMember[] configured, ExtraMember[] existing)
    {
        if (configured.Length == 0 && existing.Length == 0) return null;
        return name => Array.Exists(configured, m => m.Name == name) || Array.Exists(existing, m => m.Name == name);
    }

    private static ExtraMember[] WithDefaults(ExtraMember[] configured, ExtraMember[] given)
    {
        if (configured.Length == 0) return given;
        var result = new ExtraMember[configured.Length];
        for (int i = 0; i < configured.Length; i++)
            result[i] = Array.Find(given, m => m.Name == configured[i].Name) ?? configured[i];
        return result;
    }

    public ApiResult List(IQueryCollection query)
    {
        try
        {
            string? scrollId = query["scroll_id"];
            if (!string.IsNullOrEmpty(scrollId)) return ContinueScroll(scrollId);

            string? q = query["q"];
            if (IsSet(query["validate"]))
                return Json(new ValidateResult(QueryParser.IsValid(q)));

            int count = ParseCount(query["count"]);
            long offset = ParseOffset(query["offset"]);
            var filter = QueryParser.Parse(q);
            var extras = settings.ExtraFields;
            var sort = SortSpec.Parse(query["sort"], options.Strict ? path => FieldPaths.IsKnown(path, extras, objects: false) : null);
            var fields = FieldProjection.Parse(query["fields"], options.Strict ? path => FieldPaths.IsKnown(path, extras, objects: true) : null);
            string? expire = query["scroll_expire"];
            TimeSpan? keepAlive = string.IsNullOrEmpty(expire) ? null : ScrollRegistry.ParseExpire(expire);

            IReadOnlyList<CustomerRecord> all = store.Snapshot();
            IReadOnlyList<CustomerRecord> matches = filter == null ? all : all.Where(filter.Matches).ToList();
            if (sort != null)
            {
                var sorted = matches.ToArray();
                Array.Sort(sorted, sort);
                matches = sorted;
            }

            if (keepAlive is { } ka)
            {
                var context = scrolls.Open(matches, count, fields, ka);
                int start = (int)Math.Min(offset, matches.Count);
                int end = Math.Min(start + count, matches.Count);
                return Page(matches.Count, matches, start, end, fields, scrolls.CursorFor(context, end), ArrayAddress);
            }

            int from = (int)Math.Min(offset, matches.Count);
            int to = (int)Math.Min((long)from + count, matches.Count);
            return Page(matches.Count, matches, from, to, fields, null, ArrayAddress);
        }
        catch (QuerySyntaxException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
    }

    private ApiResult ContinueScroll(string scrollId)
    {
        if (!scrolls.TryResolve(scrollId, out var context, out int position))
            return ApiErrors.NotFoundResult($"scroll_id {scrollId} not found or expired");
        int end = Math.Min(position + context.PageSize, context.Items.Count);
        // Answers to scroll_id calls carry no count; the id for the following batch is handed out with this one.
        return Page(null, context.Items, position, end, context.Fields, scrolls.CursorFor(context, end), ArrayAddress);
    }

    private static ApiResult Page(int? total, IReadOnlyList<CustomerRecord> items, int from, int to, FieldProjection? fields, string? scrollId, bool arrayAddress)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (to - from) * 600);
        using (var w = new Utf8JsonWriter(buffer, CustomerJsonWriter.WriterOptions))
        {
            w.WriteStartObject();
            if (total is { } t) w.WriteNumber("count", t);
            w.WriteStartArray("data");
            for (int i = from; i < to; i++)
            {
                byte[] json = items[i].Answer(arrayAddress);
                w.WriteRawValue(fields == null ? json : fields.Apply(items[i], json), skipInputValidation: true);
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

    private static ApiResult Json(ValidateResult v) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(v, SandboxJson.Context.ValidateResult));

    private static ApiResult NotFound(string id) =>
        ApiErrors.NotFoundResult($"payment customer {id} not found");

    /// <summary>Now in the configured zone: yyyy-MM-ddTHH:mm:ss+hh:mm, no fractions, never Z.</summary>
    private string Now()
    {
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.TimeZone);
        return now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
