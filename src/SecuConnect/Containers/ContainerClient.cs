#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

namespace SecuConnect.Containers
{
    /// <summary>
    /// The payment container operations for one call (<see cref="ApiCall"/>): the request pipeline does the rest
    /// (token, retries by request kind, error mapping worded for containers, masking). Thread-safe.
    /// </summary>
    internal sealed class ContainerClient
    {
        private readonly ApiCall _call;

        public ContainerClient(ApiCall call)
        {
            _call = call ?? throw new ArgumentNullException(nameof(call));
        }

        public ApiLogQueue Log => _call.Log;

        private SecuConnection Connection => _call.Connection;

        private string ContainersUrl => Connection.ApiRoot + "/Payment/Containers";

        public async Task<ContainerRecord> GetAsync(string id, CancellationToken cancellationToken)
        {
            var request = Request(HttpMethod.Get, ById(id), RequestKind.Idempotent, ContainerRecord.Read, id);
            var response = await SendOne(request, cancellationToken).ConfigureAwait(false);
            var container = response.Value;
            // An answer without an id is "not found", never an empty container.
            if (container == null || string.IsNullOrEmpty(container.Id)) throw ErrorMapper.EmptyItem(request, response.StatusCode);
            if (!container.IsContainer) throw Invalid(request, $"HTTP {response.StatusCode} without the payment container");
            return container;
        }

        /// <summary>Creates a container; never re-sent when its outcome is unknown (the pipeline's rule for non-idempotent requests).</summary>
        public async Task<ContainerRecord> CreateAsync(BankAccount account, CancellationToken cancellationToken)
        {
            var request = WithBody(Request(HttpMethod.Post, new Uri(ContainersUrl), RequestKind.NonIdempotent, ContainerRecord.Read), account.CreateBody());
            var response = await SendOne(request, cancellationToken).ConfigureAwait(false);
            if (response.Value == null || !response.Value.IsContainer)
                throw ErrorMapper.OutcomeUnknown(request, $"the API answered HTTP {response.StatusCode} without the created payment container", null, null);
            return response.Value;
        }

        /// <summary>
        /// Updates a container. When the answer is lost, a read settles it: the change stored means updated, the
        /// container as <paramref name="before"/> means not updated, anything else is OutcomeUnknown.
        /// </summary>
        public async Task<ContainerRecord> UpdateAsync(ContainerRecord before, BankAccount change, CancellationToken cancellationToken)
        {
            string id = before.Id!;
            var request = WithBody(Request(HttpMethod.Put, ById(id), RequestKind.Idempotent, ContainerRecord.Read, id), change.UpdateBody(before));
            SecuApiException uncertain;
            try
            {
                var response = await SendOne(request, cancellationToken).ConfigureAwait(false);
                if (response.Value != null && response.Value.IsContainer) return response.Value;
                uncertain = Invalid(request, $"HTTP {response.StatusCode} without the payment container");
            }
            catch (SecuApiException ex) when (ex.ChangeMayHaveBeenApplied)
            {
                uncertain = ex;
            }
            var current = await ReadBackAsync(request, uncertain, "updated", cancellationToken).ConfigureAwait(false)
                ?? throw ErrorMapper.ChangeOutcomeUnknown(request, "updated", Reason(uncertain) + "; the payment container was not found on the read that followed", uncertain);
            if (change.IsStoredIn(current))
            {
                Log.Warning($"The answer to PUT {request.LogUrl} was lost ({Reason(uncertain)}); a read shows the update stored, so it is counted as done.");
                return current;
            }
            throw uncertain.WithNote("A read afterwards shows the payment container without the change: the update was not stored.");
        }

        /// <summary>Deletes a container; returns it as the API answered, or <paramref name="before"/> when the answer was lost and it is gone.</summary>
        public async Task<ContainerRecord?> DeleteAsync(string id, ContainerRecord? before, CancellationToken cancellationToken)
        {
            var request = Request(HttpMethod.Delete, ById(id), RequestKind.Idempotent, ContainerRecord.Read, id);
            SecuApiException uncertain;
            try
            {
                var response = await SendOne(request, cancellationToken).ConfigureAwait(false);
                if (response.AlreadyGone)
                {
                    Log.Warning($"The answer to DELETE {request.LogUrl} was lost and a repeat found payment container {id} gone: its removal is confirmed after a lost answer.");
                    return before;
                }
                if (response.Value != null && response.Value.IsContainer) return response.Value;
                uncertain = Invalid(request, $"HTTP {response.StatusCode} without the payment container");
            }
            catch (SecuApiException ex) when (ex.ChangeMayHaveBeenApplied)
            {
                uncertain = ex;
            }
            if (await ReadBackAsync(request, uncertain, "removed", cancellationToken).ConfigureAwait(false) != null)
                throw uncertain.WithNote("A read afterwards shows the payment container still there: it was not removed.");
            Log.Warning($"The answer to DELETE {request.LogUrl} was lost ({Reason(uncertain)}); a read found payment container {id} gone: its removal is confirmed after a lost answer.");
            return before;
        }

        /// <summary>One list request with the given query parameters (count, offset, q, sort, fields, scroll_expire, scroll_id).</summary>
        public async Task<ListPage<ContainerRecord>> ListPageAsync(IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
        {
            var request = Request(HttpMethod.Get, new Uri(ContainersUrl + ApiPaths.QueryString(query)), RequestKind.Idempotent, ContainerRecord.ReadToken);
            var response = await Send(request, cancellationToken).ConfigureAwait(false);
            if (!GenericClient.TryReadList(response.Value, out long? count, out var data, out string? scrollId, countOptional: true))
                throw Invalid(request, "a list answer that is not an object with a data array");
            var items = data.Select(ContainerRecord.From).Where(c => c != null && !string.IsNullOrEmpty(c.Id)).Select(c => c!).ToList();
            foreach (var item in items) Report(item);
            return new ListPage<ContainerRecord>(count, items, scrollId);
        }

        /// <summary>A lazy listing: pages are fetched only as the caller enumerates.</summary>
        public ListPager<ContainerRecord> List(ListQuery query, CancellationToken cancellationToken) =>
            new ListPager<ContainerRecord>(query, (parameters, token) => ListPageAsync(parameters, token), Log, "payment containers", cancellationToken);

        /// <summary>The read that settles an uncertain change: the container, or null when it is not found.</summary>
        private async Task<ContainerRecord?> ReadBackAsync(ApiRequest change, SecuApiException uncertain, string past, CancellationToken cancellationToken)
        {
            if (_call.Control != null && _call.Control.StopSending.IsCancellationRequested)
                throw ErrorMapper.ChangeOutcomeUnknown(change, past, Reason(uncertain) + "; the command was ending, so no read followed", uncertain);
            Log.Verbose($"{change.Method.Method} {change.LogUrl}: the outcome is uncertain ({Reason(uncertain)}); reading the payment container to settle it.");
            try
            {
                return await GetAsync(change.TargetId!, cancellationToken).ConfigureAwait(false); // a change to settle names its container
            }
            catch (SecuApiException ex) when (ex.Kind == SecuErrorKind.NotFound)
            {
                return null;
            }
            catch (SecuApiException ex)
            {
                throw ErrorMapper.ChangeOutcomeUnknown(change, past, $"{Reason(uncertain)}; the read that followed failed too: {ex.Message.TrimEnd('.')}", uncertain);
            }
        }

        private Task<ApiResponse<T>> Send<T>(ApiRequest<T> request, CancellationToken cancellationToken) =>
            Connection.SendAsync(request, Log, cancellationToken, _call.Control);

        /// <summary>Sends a request whose answer is one container, and reports the shapes it held that the module did not expect.</summary>
        private async Task<ApiResponse<ContainerRecord?>> SendOne(ApiRequest<ContainerRecord?> request, CancellationToken cancellationToken)
        {
            var response = await Send(request, cancellationToken).ConfigureAwait(false);
            Report(response.Value);
            return response;
        }

        /// <summary>One warning per command run for each unexpected shape (path and shape, never the value: bank data is personal).</summary>
        private void Report(ContainerRecord? container)
        {
            if (container?.Shapes != null) _call.Shapes?.Report(container.Shapes, "payment containers", Log);
        }

        private static string Reason(SecuApiException ex) =>
            ex.StatusCode.HasValue ? $"HTTP {ex.StatusCode}" : ErrorMapper.Innermost(ex.InnerException ?? ex).TrimEnd('.');

        private Uri ById(string id)
        {
            if (!ContainerIds.IsValid(id))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidContainerId,
                    $"'{id}' is not a payment container id: expected PCT_ followed by 30 characters A-Z or 0-9.");
            return new Uri(ContainersUrl + "/" + Uri.EscapeDataString(id));
        }

        private static ApiRequest<T> Request<T>(HttpMethod method, Uri uri, RequestKind kind, Func<Stream, T> read, string? id = null) =>
            new ApiRequest<T>(method, uri, kind) { Resource = ContainerResource.Descriptor, TargetId = id, ReadBody = read };

        private ApiRequest<T> WithBody<T>(ApiRequest<T> request, string json)
        {
            request.JsonBody = json;
            if (Log.DebugEnabled) request.DebugBody = LogMasker.MaskBody(json);
            return request;
        }

        private static SecuApiException Invalid(ApiRequest request, string what) =>
            new SecuApiException(SecuErrorKind.InvalidResponse, ErrorIds.InvalidResponse,
                $"{request.Method.Method} {LogMasker.MaskUrl(request.Uri)} returned {what}.")
            { Method = request.Method.Method, RequestUri = request.Uri };
    }
}
