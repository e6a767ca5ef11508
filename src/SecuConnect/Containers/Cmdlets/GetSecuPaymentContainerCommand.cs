#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Containers;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets payment containers (bank accounts) by id, a customer's containers, or lists them page by page.</para>
    /// A customer piped from Get-SecuCustomer lists that customer's containers; it never binds as a container id.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecuPaymentContainer", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(PaymentContainer))]
    [OutputType(ContainerOutput.PartialTypeName, ParameterSetName = new[] { ListSet, CustomerSet, CustomerIdSet })]
    public sealed class GetSecuPaymentContainerCommand : SecuConnectedCmdlet
    {
        private protected override string RecordNoun => "payment container";

        private protected override string ReadCommand => "Get-SecuPaymentContainer";

        public const string ListSet = "List";
        public const string IdSet = "Id";
        public const string CustomerSet = "Customer";
        public const string CustomerIdSet = "CustomerId";

        private ContainerClient? _client;

        private ContainerClient Client => _client ??= new ContainerClient(Call);

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerIdCompleter))]
        public string[] Id { get; set; } = null!;

        /// <summary>A customer from Get-SecuCustomer: lists its containers.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CustomerSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Customer Customer { get; set; } = null!;

        /// <summary>Lists the containers of these customers.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CustomerIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public string[] CustomerId { get; set; } = null!;

        /// <summary>The API's query expression (q) with output names or API paths, e.g. 'Owner:Ada*' or 'BankName:Commerzbank'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = CustomerSet)]
        [Parameter(ParameterSetName = CustomerIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string? Filter { get; set; }

        /// <summary>The order, name[:asc|desc] or -name (descending), with output names or API paths, e.g. 'Owner' or '-Created'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = CustomerSet)]
        [Parameter(ParameterSetName = CustomerIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string[]? Sort { get; set; }

        /// <summary>Only these fields (output names such as Owner, or API paths such as private.owner).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = CustomerSet)]
        [Parameter(ParameterSetName = CustomerIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string[]? Property { get; set; }

        /// <summary>Every match through the scroll search (the default without -First and -Skip), said explicitly.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = CustomerSet)]
        [Parameter(ParameterSetName = CustomerIdSet)]
        public SwitchParameter All { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = CustomerSet)]
        [Parameter(ParameterSetName = CustomerIdSet)]
        [ValidateRange(1, ListQuery.MaxPageSize)]
        public int PageSize { get; set; } = ListQuery.DefaultPageSize;

        private string? _filter, _sort, _fields;
        private string[]? _partial;

        protected override void BeginProcessing()
        {
            bool offsets = IsBound("First") || IsBound("Skip") || PagingParameters.IncludeTotalCount;
            if (ParameterSetName == IdSet && offsets)
                ThrowTerminatingError(Errors.Argument(ErrorIds.PagingWithId,
                    "-First, -Skip and -IncludeTotalCount page through a listing and cannot be combined with -Id. No request was sent.", null));
            if (All && offsets)
                ThrowTerminatingError(Errors.Argument(ErrorIds.PagingWithId,
                    "-All lists every match and cannot be combined with -First, -Skip or -IncludeTotalCount. No request was sent.", null));
            _filter = Filter == null ? null : Translate(ContainerQuery.Translator.Filter, Filter, ErrorIds.InvalidFilter);
            _sort = Sort == null ? null : Translate(ContainerQuery.Translator.Sort, Sort, ErrorIds.InvalidSort);
            if (Property != null)
            {
                var paths = Property.Select(p => Translate(ContainerQuery.Translator.PathOf, p.Trim(), ErrorIds.InvalidProperty)).ToArray();
                _fields = string.Join(",", paths.Prepend("id").Distinct());
                _partial = Property.Select(p => OutputName(p.Trim())).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            }
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var given in Id) Read(given.Trim());
                    break;
                case CustomerSet:
                    List(Customer.Id as string, Customer);
                    break;
                case CustomerIdSet:
                    foreach (var id in CustomerId) List(id.Trim(), id);
                    break;
                default:
                    List(null, Filter);
                    break;
            }
        }

        private void Read(string id)
        {
            if (!ContainerIds.IsValid(id))
            {
                string hint = CustomerIds.IsValid(id) ? " It is a customer id: give it to -CustomerId, or pipe the customer, to list its containers." : string.Empty;
                WriteError(Errors.Argument(ErrorIds.InvalidContainerId,
                    $"Cannot use '{id}' as -Id: a payment container id is PCT_ followed by 30 characters A-Z or 0-9.{hint} No request was sent.", id));
                return;
            }
            try
            {
                WriteObject(ContainerOutput.Create(CallApi(ct => Client.GetAsync(id, ct))));
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, id);
            }
        }

        /// <summary>Lists the matches, of one customer when <paramref name="customerId"/> is given.</summary>
        private void List(string? customerId, object? target)
        {
            if (customerId != null && !CustomerIds.IsValid(customerId))
            {
                WriteError(CustomerErrors.InvalidCustomerId(ParameterSetName == CustomerSet ? "Customer" : "CustomerId", customerId, target));
                return;
            }
            string? filter = customerId == null ? _filter
                : _filter == null ? "customer.id:" + customerId : $"customer.id:{customerId} AND ({_filter})";
            bool offsets = IsBound("First") || IsBound("Skip");
            var query = new ListQuery
            {
                Filter = filter,
                Sort = _sort,
                Fields = _fields,
                PageSize = PageSize,
                First = offsets && PagingParameters.First != ulong.MaxValue ? (long?)Math.Min(PagingParameters.First, (ulong)long.MaxValue) : null,
                Skip = offsets ? (long)Math.Min(PagingParameters.Skip, (ulong)long.MaxValue) : 0,
            };
            if (query.First == 0) return;
            WritePagedListing(Client.List(query, StopToken), PageSize, new ProgressRecord(1, "Get-SecuPaymentContainer", "Listing payment containers"),
                record => _partial == null ? (object)ContainerOutput.Create(record) : ContainerOutput.CreatePartial(record, _partial), target);
        }

        /// <summary>The output property a -Property name stands for (Owner for 'owner' or 'private.owner'), else the name as given.</summary>
        private static string OutputName(string name)
        {
            string? path = ContainerQuery.Translator.PathOf(name);
            return ContainerQuery.Translator.KnownNames.FirstOrDefault(n => ContainerQuery.Translator.PathOf(n) == path) ?? name;
        }

        /// <summary>Runs a translation of user input to the API's terms; a name it does not know ends the command before sending.</summary>
        private string Translate<T>(Func<T, string?> translate, T value, string errorId) =>
            TranslateQuery(translate, value, errorId, ContainerQuery.Translator, "payment container", "private.owner");
    }
}
