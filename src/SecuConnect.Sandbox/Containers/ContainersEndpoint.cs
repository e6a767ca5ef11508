using System.Globalization;
using SecuConnect.Sandbox.Errors;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Http;
using SecuConnect.Sandbox.Models;
using SecuConnect.Sandbox.Options;
using SecuConnect.Sandbox.Query;
using SecuConnect.Sandbox.Scrolls;
using SecuConnect.Sandbox.Store;

namespace SecuConnect.Sandbox.Containers;

/// <summary>
/// The five Payment Containers operations for bank accounts (the contract copy,
/// tests/Contract/payment-containers.openapi.json and payment-containers.md).
/// </summary>
public sealed class ContainersEndpoint
{
    /// <summary>The creditor identifier of the sandbox's mandates: the Bundesbank's test creditor id.</summary>
    public const string CreditorId = "DE98ZZZ09999999999";

    private readonly IndexedContainerStore _store;
    private readonly IRecordStore<CustomerRecord> _customers;
    private readonly ContainerReferences _references;
    private readonly SandboxOptions _options;
    private readonly RuntimeSettings _settings;
    private readonly TimeProvider _time;
    private readonly RecordListing<ContainerRecord> _listing;

    public ContainersEndpoint(IndexedContainerStore store, IRecordStore<CustomerRecord> customers, ContainerReferences references,
        SandboxOptions options, RuntimeSettings settings, TimeProvider time, ScrollRegistry scrolls)
    {
        _store = store;
        _customers = customers;
        _references = references;
        _options = options;
        _settings = settings;
        _time = time;
        var paths = new ContainerFieldPaths(customers, settings);
        _listing = new RecordListing<ContainerRecord>(
            new ListSchema<ContainerRecord>(ContainerRecord.ObjectName, paths.Resolve, paths.IsKnown), scrolls, options.Strict);
    }

    public ApiResult Get(string id) =>
        _store.Get(id) is { } r ? new ApiResult(200, Answer(r)) : NotFound(id);

    public ApiResult List(IQueryCollection query) => _listing.List(query, _store.Snapshot, Answer);

    public ApiResult Create(byte[] body)
    {
        string? error = ContainerInputParser.TryParse(body, _options.Strict, out var input);
        if (error != null) return ApiErrors.BadRequest(error);
        var checkedAccount = CheckAccount(input!, out var account);
        if (checkedAccount != null) return checkedAccount;
        string created = Now();
        ContainerRecord record;
        // Under the gate: the customer cannot be deleted, nor the same account stored for it, in between.
        lock (_references.Gate)
        {
            if (CheckCustomer(input!.CustomerId, account!.Iban, self: null) is { } refused) return refused;
            record = _store.Add((id, seq) => new ContainerRecord(id, seq, _options.OmitContract ? null : _options.ContractId, _options.MerchantId,
                input.CustomerId, input.Type, account, NewMandate(id, seq), created, null));
        }
        return new ApiResult(200, Answer(record));
    }

    /// <summary>
    /// PUT replaces the bank account's owner, BIC and purpose. The IBAN cannot change: the mandate is bound to it, so
    /// another account is a new container. A customer named in the body links the container to it; a body naming
    /// none keeps the current link.
    /// </summary>
    public ApiResult Update(string id, byte[] body)
    {
        var current = _store.Get(id);
        if (current == null) return NotFound(id);
        string? error = ContainerInputParser.TryParse(body, _options.Strict, out var input);
        if (error != null) return ApiErrors.BadRequest(error);
        var checkedAccount = CheckAccount(input!, out var account);
        if (checkedAccount != null) return checkedAccount;
        if (account!.Iban != current.Account.Iban)
            return ApiErrors.BadRequest($"invalid private.iban: the IBAN of payment container {id} cannot change, its mandate is bound to it; store another account as a new container");
        string updated = Now();
        ContainerRecord? record;
        lock (_references.Gate)
        {
            // Read again under the gate: another PUT may have moved the link meanwhile.
            current = _store.Get(id);
            if (current == null) return NotFound(id);
            string? customerId = input!.CustomerId ?? current.CustomerId;
            if (customerId != current.CustomerId && CheckCustomer(customerId, account.Iban, self: id) is { } refused) return refused;
            record = _store.Replace(id, old => old with { CustomerId = customerId, Account = account, Updated = updated });
        }
        return record == null ? NotFound(id) : new ApiResult(200, Answer(record));
    }

    /// <summary>Needs rights most API users lack: the sandbox setting containerDeletes "forbidden" refuses it as the API does.</summary>
    public ApiResult Delete(string id)
    {
        if (_settings.ContainerDeletesForbidden)
            return ApiErrors.Create(403, ApiErrors.NotAllowed, "deleting payment containers needs additional access rights, which this API user does not have");
        var old = _store.Remove(id);
        if (old == null) return NotFound(id);
        return new ApiResult(200, HttpIo.AsArray(Answer(old)));
    }

    /// <summary>The IBAN normalised and checked, the BIC checked or filled from the bank code, the bank's name.</summary>
    private static ApiResult? CheckAccount(ContainerInput input, out BankAccount? account)
    {
        account = null;
        string iban = Iban.Normalise(input.Iban);
        if (Iban.Check(iban) is { } ibanError) return ApiErrors.BadRequest("invalid private.iban: " + ibanError);
        string? bic = input.Bic == null ? BankDirectory.BicOf(iban) : Bic.Normalise(input.Bic);
        if (bic != null && (Bic.Check(bic, iban[..2]) ?? BankDirectory.CheckBicOfBankCode(iban, bic)) is { } bicError)
            return ApiErrors.BadRequest("invalid private.bic: " + bicError);
        account = new BankAccount(iban, bic, input.Owner, BankDirectory.NameOf(iban, bic), input.Purpose);
        return null;
    }

    /// <summary>The customer exists and does not hold the same account in another container. Called under the gate.</summary>
    private ApiResult? CheckCustomer(string? customerId, string iban, string? self)
    {
        if (customerId == null) return null;
        if (_customers.Get(customerId) == null)
            return ApiErrors.BadRequest($"invalid customer: payment customer {customerId} not found");
        return _store.HolderOf(customerId, iban, self) is { } holder
            ? ApiErrors.Create(400, ApiErrors.Duplicate, $"payment customer {customerId} already has this bank account, in payment container {holder}")
            : null;
    }

    private static SepaMandate NewMandate(string containerId, long seq) =>
        new((1_000_000 + seq).ToString(CultureInfo.InvariantCulture), "COR", "active", "MREF-" + containerId[4..], CreditorId);

    /// <summary>The container as stored, in the contract's shape (unmasked, no shape overrides); null when there is none.</summary>
    public byte[]? Stored(string id) => _store.Get(id) is { } r ? ContainerJsonWriter.Serialize(r, null, false) : null;

    private byte[] Answer(ContainerRecord r)
    {
        byte[]? customer = r.CustomerId is { } c ? _customers.Get(c)?.Answer(_settings.ExtraFields.EmptyAddressAsArray) : null;
        return _settings.Shapes.Apply(ShapedResource.Containers, ContainerJsonWriter.Serialize(r, customer, _settings.MaskContainers));
    }

    private static ApiResult NotFound(string id) => ApiErrors.NotFoundResult($"payment container {id} not found");

    private string Now() => ApiClock.Now(_time, _options.TimeZone);
}
