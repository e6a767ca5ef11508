using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Api;
using SecuConnect.Models;
using SecuConnect.Output;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets payment customers by id, or lists them page by page.</para>
    /// Without paging parameters every match is streamed through the scroll search; the next page is requested only
    /// as the pipeline consumes the current one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecuCustomer", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Customer))]
    public sealed class GetSecuCustomerCommand : SecuConnectedCmdlet
    {
        public const string ListSet = "List";
        public const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public string[] Id { get; set; }

        /// <summary>The API's query expression (q), e.g. 'contact.address.city:Berlin AND contact.surname:M*'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string Filter { get; set; }

        /// <summary>The API's order, field:asc|desc[,field:order], e.g. 'contact.surname:asc'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string Sort { get; set; }

        /// <summary>Only these fields (output names such as Email, or API paths such as contact.email).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string[] Property { get; set; }

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
                    ThrowTerminatingError(Errors.Argument("PagingWithId",
                        "-First, -Skip and -IncludeTotalCount page through a listing and cannot be combined with -Id, which reads the given customers. " +
                        "Leave them out, or list with -Filter instead of -Id. No request was sent.", null));
                }
                foreach (var id in Id)
                {
                    if (!CustomerIds.IsValid(id))
                    {
                        WriteError(Errors.InvalidCustomerId("Id", id, id));
                        continue;
                    }
                    try
                    {
                        var customer = Run(ct => Client.GetCustomerAsync(id, ct));
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
            var query = new ListQuery
            {
                Filter = Filter,
                Sort = Sort,
                Fields = Property == null ? null : string.Join(",", Property.Select(ToFieldPath).Distinct()),
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
            var pager = Client.List(query, StopToken);
            var progress = new ProgressRecord(1, "Get-SecuCustomer", "Listing customers");
            bool showProgress = false;
            bool totalWritten = false;
            long written = 0;
            IEnumerator<PaymentCustomer> e = null;
            try
            {
                e = pager.GetEnumerator();
                while (true)
                {
                    bool has;
                    try
                    {
                        has = e.MoveNext();
                    }
                    catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                    {
                        throw new PipelineStoppedException();
                    }
                    finally
                    {
                        DrainLog();
                    }
                    if (!totalWritten && pager.HasFirstPage)
                    {
                        totalWritten = true;
                        if (PagingParameters.IncludeTotalCount)
                            WriteObject(PagingParameters.NewTotalCount(pager.Total.HasValue ? (ulong)pager.Total.Value : 0, pager.Total.HasValue ? 1.0 : 0.0));
                    }
                    if (!has) break;
                    WriteObject(CustomerOutput.Create(e.Current));
                    written++;
                    if (pager.Total.HasValue && pager.Total.Value > PageSize && written % 100 == 0)
                    {
                        showProgress = true;
                        progress.PercentComplete = (int)Math.Min(100, written * 100 / Math.Max(1, pager.Total.Value));
                        progress.StatusDescription = $"{written} of {pager.Total.Value}";
                        WriteProgress(progress);
                    }
                }
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, Filter);
            }
            finally
            {
                e?.Dispose();
            }
            if (showProgress)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            DrainLog();
        }

        private void WriteTotalOnly(ListQuery query)
        {
            var parameters = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("count", "0") };
            if (!string.IsNullOrEmpty(query.Filter)) parameters.Add(new KeyValuePair<string, string>("q", query.Filter));
            try
            {
                var page = Run(ct => Client.ListPageAsync(parameters, ct));
                WriteObject(PagingParameters.NewTotalCount(page.Count.HasValue ? (ulong)page.Count.Value : 0, page.Count.HasValue ? 1.0 : 0.0));
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, Filter);
            }
        }

        private static string ToFieldPath(string name)
        {
            var field = ContactFields.Find(name);
            if (field != null) return field.WirePath;
            switch (name.Trim().ToLowerInvariant())
            {
                case "id": return "id";
                case "name": return "contact.name";
                case "created": return "created";
                case "updated": return "updated";
                case "contractid": return "contract";
                case "merchantid": return "merchant";
                case "contact": return "contact";
                default: return name.Trim();
            }
        }
    }
}
