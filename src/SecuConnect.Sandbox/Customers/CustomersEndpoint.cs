using System.Globalization;
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
public sealed class CustomersEndpoint(IRecordStore<CustomerRecord> store, SandboxOptions options, RuntimeSettings settings, TimeProvider time, ScrollRegistry scrolls, ICustomerReferences references)
{
    private readonly RecordListing<CustomerRecord> _listing = new(
        new ListSchema<CustomerRecord>(CustomerRecord.ObjectName, CustomerFieldPaths.Resolve,
            (path, objects) => CustomerFieldPaths.IsKnown(path, settings.ExtraFields, objects)),
        scrolls, options.Strict);

    public ApiResult Get(string id) =>
        store.Get(id) is { } r ? new ApiResult(200, Answer(r)) : NotFound(id);

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
        return new ApiResult(200, Answer(record));
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
        return record == null ? NotFound(id) : new ApiResult(200, Answer(record));
    }

    public ApiResult Delete(string id)
    {
        CustomerRecord? old;
        // Under the references' gate: no container can link to the customer between the check and the removal.
        lock (references.Gate)
        {
            if (store.Get(id) != null && references.Of(id) is { Count: > 0 } linked)
                return ApiErrors.Create(403, ApiErrors.NotAllowed,
                    $"payment customer {id} still has {linked.Count} payment container(s) ({string.Join(", ", linked.Take(5))}): delete them first");
            old = store.Remove(id);
        }
        if (old == null) return NotFound(id);
        return new ApiResult(200, HttpIo.AsArray(Answer(old)));
    }

    private bool ArrayAddress => settings.ExtraFields.EmptyAddressAsArray;

    /// <summary>A customer's answer, with the shape overrides of PUT /_sandbox/shapes when there are any.</summary>
    private byte[] Answer(CustomerRecord r) => settings.Shapes.Apply(ShapedResource.Customers, r.Answer(ArrayAddress));

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

    public ApiResult List(IQueryCollection query) =>
        _listing.List(query, store.Snapshot, r => Answer(r));

    private static ApiResult NotFound(string id) =>
        ApiErrors.NotFoundResult($"payment customer {id} not found");

    private string Now() => ApiClock.Now(time, options.TimeZone);
}
