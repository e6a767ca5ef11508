using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets payment customers by id, or lists them page by page.</para>
    /// Without paging parameters every match is streamed through the scroll search; the next page is requested only
    /// as the pipeline consumes the current one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecuCustomer", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Customer), ParameterSetName = new[] { ListSet, IdSet })]
    [OutputType(CustomerOutput.PartialTypeName, ParameterSetName = new[] { ListSet })]
    public sealed class GetSecuCustomerCommand : SecuConnectedCmdlet
    {
        private protected override string RecordNoun => "customer";

        private protected override string ReadCommand => "Get-SecuCustomer";

        private SecuClient? _client;

        /// <summary>The customer calls of this command on the pipeline thread.</summary>
        private SecuClient Client => _client ?? (_client = new SecuClient(Call));

        public const string ListSet = "List";
        public const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>The API's query expression (q) with output names or API paths, e.g. 'City:Berlin AND Surname:M*'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string? Filter { get; set; }

        /// <summary>The order, name[:asc|desc] or -name (descending), one or more, with output names or API paths, e.g. 'Surname', '-Created' or 'City:desc', 'Surname'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string[]? Sort { get; set; }

        /// <summary>Only these fields (output names such as Email, or API paths such as contact.email).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        public string[]? Property { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, ListQuery.MaxPageSize)]
        public int PageSize { get; set; } = ListQuery.DefaultPageSize;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                if (IsBound("First") || IsBound("Skip") || PagingParameters.IncludeTotalCount)
                {
                    // SupportsPaging adds the paging parameters to every set; with -Id they would be ignored silently.
                    ThrowTerminatingError(Errors.Argument(ErrorIds.PagingWithId,
                        "-First, -Skip and -IncludeTotalCount page through a listing and cannot be combined with -Id, which reads the given customers. " +
                        "Leave them out, or list with -Filter instead of -Id. No request was sent.", null));
                }
                foreach (var given in Id!) // mandatory in this parameter set
                {
                    // An id copied with a space or a line break around it still names its customer.
                    string id = given.Trim();
                    if (!CustomerIds.IsValid(id))
                    {
                        WriteError(CustomerErrors.InvalidCustomerId("Id", id, id));
                        continue;
                    }
                    try
                    {
                        var customer = CallApi(ct => Client.GetCustomerAsync(id, ct));
                        WriteObject(CustomerOutput.Create(customer));
                    }
                    catch (SecuApiException ex)
                    {
                        WriteApiError(ex, id);
                    }
                }
                return;
            }
            List();
        }

        private void List()
        {
            bool offsets = IsBound("First") || IsBound("Skip");
            var projections = Property?.Select(Projection).ToArray();
            // A -Property listing writes only what it fetched, so an edited export never clears what it did not fetch.
            var partial = projections?.SelectMany(p => p.Output).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var query = new ListQuery
            {
                Filter = Filter == null ? null : Translate(CustomerQuery.Translator.Filter, Filter, ErrorIds.InvalidFilter),
                Sort = Sort == null ? null : Translate(CustomerQuery.Translator.Sort, Sort, ErrorIds.InvalidSort),
                Fields = projections == null ? null : string.Join(",", projections.Select(p => p.Path).Prepend("id").Distinct()),
                PageSize = PageSize,
                First = offsets && PagingParameters.First != ulong.MaxValue ? (long?)Math.Min(PagingParameters.First, (ulong)long.MaxValue) : null,
                Skip = offsets ? (long)Math.Min(PagingParameters.Skip, (ulong)long.MaxValue) : 0,
            };
            if (query.First == 0)
            {
                // count=0 answers only the total.
                if (PagingParameters.IncludeTotalCount) WriteTotalOnly(query);
                return;
            }
            WritePagedListing(Client.List(query, StopToken), PageSize, new ProgressRecord(1, "Get-SecuCustomer", "Listing customers"),
                customer => partial == null ? (object)CustomerOutput.Create(customer) : CustomerOutput.CreatePartial(customer, partial), Filter);
        }

        private void WriteTotalOnly(ListQuery query)
        {
            var parameters = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("count", "0") };
            if (query.Filter != null && query.Filter.Length > 0) parameters.Add(new KeyValuePair<string, string>("q", query.Filter));
            try
            {
                var page = CallApi(ct => Client.ListPageAsync(parameters, ct));
                WriteTotalCount(page.Count);
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, Filter);
            }
        }

        /// <summary>
        /// The API path (for fields=) and the output property for a -Property name: a field or output property name
        /// (Email, City, ContractId), or an API path, passed through so members the module does not model stay reachable.
        /// </summary>
        private (string Path, string[] Output) Projection(string name)
        {
            name = name.Trim();
            var field = CustomerFields.Find(name);
            if (field != null) return (field.WirePath, new[] { field.Name });
            switch (CustomerFields.Normalize(name))
            {
                case "id": return ("id", new[] { "Id" });
                case "name":
                case "contactname": return ("contact.name", new[] { "Name" });
                case "created": return ("created", new[] { "Created" });
                case "updated": return ("updated", new[] { "Updated" });
                case "contract":
                case "contractid": return ("contract", new[] { "ContractId" });
                case "merchant":
                case "merchantid": return ("merchant", new[] { "MerchantId" });
                case "contact":
                    return ("contact", CustomerFields.Names.Prepend("Name").Append("Contact").ToArray());
                case "contactaddress":
                    return ("contact.address", CustomerFields.All.Where(f => f.InAddress).Select(f => f.Name).ToArray());
                default:
                    string path = Translate(CustomerQuery.Translator.PathOf, name, ErrorIds.InvalidProperty);
                    return (path, new[] { path });
            }
        }

        /// <summary>Runs a translation of user input to the API's terms; a name it does not know ends the command before sending.</summary>
        private string Translate<T>(Func<T, string?> translate, T value, string errorId) =>
            TranslateQuery(translate, value, errorId, CustomerQuery.Translator, "customer", "contact.address.city");
    }
}
