using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Customers
{
    /// <summary>
    /// The customer operations over one connection, logging into one <see cref="ApiLogQueue"/>. Cheap to create per
    /// cmdlet call; the connection's HttpClient and token cache are shared. Thread-safe.
    /// </summary>
    internal sealed class SecuClient
    {
        /// <param name="shapes">the command run's warn-once record of unexpected answer shapes; null warns per client</param>
        public SecuClient(SecuConnection connection, ApiLogQueue log, ShapeWarnings? shapes = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Log = log ?? new ApiLogQueue();
            _shapes = shapes ?? new ShapeWarnings();
        }

        private readonly ShapeWarnings _shapes;

        /// <summary>The client for one cmdlet call, or one record's call in a bulk run (its log, control and warn-once record of answer shapes).</summary>
        public SecuClient(ApiCall call) : this(call.Connection, call.Log, call.Shapes)
        {
            Control = call.Control;
        }

        public SecuConnection Connection { get; }
        public ApiLogQueue Log { get; }

        /// <summary>Set by a bulk command: stops new requests when the run ends and records whether a change was sent.</summary>
        public CallControl? Control { get; set; }

        private string CustomersUrl => Connection.ApiRoot + "/Payment/Customers";

        public async Task<PaymentCustomer> GetCustomerAsync(string id, CancellationToken cancellationToken)
        {
            var request = Request(HttpMethod.Get, ById(id), RequestKind.Idempotent, ReadCustomer, id);
            var response = await Connection.SendAsync(request, Log, cancellationToken, Control).ConfigureAwait(false);
            var customer = response.Value ?? throw Invalid(request, "an answer without a customer");
            // Older API versions answered 200 {} for an unknown id: an object without an id is "not found", never an
            // empty customer. (An answer that is no object at all stays InvalidResponse.)
            if (string.IsNullOrEmpty(customer.Id)) throw ErrorMapper.EmptyItem(request, response.StatusCode);
            if (!IsCustomer(customer)) throw WithoutCustomer(request, response.StatusCode);
            return Noted(customer);
        }

        public async Task<PaymentCustomer> CreateCustomerAsync(Contact contact, CancellationToken cancellationToken)
        {
            var request = WithBody(Request(HttpMethod.Post, new Uri(CustomersUrl), RequestKind.NonIdempotent, ReadCustomer), contact);
            var response = await Connection.SendAsync(request, Log, cancellationToken, Control).ConfigureAwait(false);
            // A 2xx says the server took the create; an answer without the customer leaves its outcome open. Never re-sent.
            if (!IsCustomer(response.Value))
                throw ErrorMapper.OutcomeUnknown(request, $"the API answered HTTP {response.StatusCode} without the created customer", null, null);
            return Noted(response.Value);
        }

        /// <summary>
        /// Replaces a customer's contact. When the answer is lost (or 500, 502, 504, or a 2xx without the customer),
        /// a read settles what happened: the customer as sent means updated, as <paramref name="before"/> means not
        /// updated (the original error), anything else, or no read, is OutcomeUnknown.
        /// </summary>
        public async Task<PaymentCustomer> UpdateCustomerAsync(string id, Contact contact, CancellationToken cancellationToken, PaymentCustomer? before = null)
        {
            var request = WithBody(Request(HttpMethod.Put, ById(id), RequestKind.Idempotent, ReadCustomer, id), contact);
            SecuApiException uncertain;
            try
            {
                var response = await Connection.SendAsync(request, Log, cancellationToken, Control).ConfigureAwait(false);
                if (IsCustomer(response.Value)) return Noted(response.Value);
                uncertain = WithoutCustomer(request, response.StatusCode);
            }
            catch (SecuApiException ex) when (ex.ChangeMayHaveBeenApplied)
            {
                uncertain = ex;
            }
            var current = await ReadBackAsync(request, uncertain, "updated", cancellationToken).ConfigureAwait(false);
            if (current == null) throw ChangeOutcomeUnknown(request, uncertain, "updated", "the customer was not found on the read that followed");
            if (SameContact(current.Contact, contact))
            {
                Log.Warning($"The answer to PUT {request.LogUrl} was lost ({Reason(uncertain)}); a read shows the update stored, so it is counted as done.");
                return current;
            }
            if (before != null && SameContact(current.Contact, before.Contact))
                throw uncertain.WithNote("A read afterwards shows the customer unchanged: the update was not stored.");
            throw ChangeOutcomeUnknown(request, uncertain, "updated", "a read afterwards shows the customer neither as sent nor as before (someone else may have changed it)");
        }

        /// <summary>
        /// Deletes a customer; returns the record as the API answered it, or <paramref name="before"/> when the answer
        /// was lost and the customer is gone (a retry's 404, or a read that finds nothing): removed, with a warning.
        /// </summary>
        public async Task<PaymentCustomer?> DeleteCustomerAsync(string id, CancellationToken cancellationToken, PaymentCustomer? before = null)
        {
            // The API answers with an array holding the deleted customer.
            var request = Request(HttpMethod.Delete, ById(id), RequestKind.Idempotent, ReadDeleted, id);
            SecuApiException uncertain;
            try
            {
                var response = await Connection.SendAsync(request, Log, cancellationToken, Control).ConfigureAwait(false);
                if (response.AlreadyGone)
                {
                    Log.Warning($"The answer to DELETE {request.LogUrl} was lost and a repeat found customer {id} gone: its removal is confirmed after a lost answer.");
                    return before;
                }
                if (IsCustomer(response.Value)) return Noted(response.Value);
                uncertain = WithoutCustomer(request, response.StatusCode);
            }
            catch (SecuApiException ex) when (ex.ChangeMayHaveBeenApplied)
            {
                uncertain = ex;
            }
            var current = await ReadBackAsync(request, uncertain, "removed", cancellationToken).ConfigureAwait(false);
            if (current != null) throw uncertain.WithNote("A read afterwards shows the customer still there: it was not removed.");
            Log.Warning($"The answer to DELETE {request.LogUrl} was lost ({Reason(uncertain)}); a read found customer {id} gone: its removal is confirmed after a lost answer.");
            return before;
        }

        /// <summary>
        /// The read that settles an uncertain change: the customer, or null when it is not found. Once the command is
        /// ending, or when the read fails, the change's outcome stays unknown.
        /// </summary>
        private async Task<PaymentCustomer?> ReadBackAsync(ApiRequest change, SecuApiException uncertain, string past, CancellationToken cancellationToken)
        {
            if (Control != null && Control.StopSending.IsCancellationRequested)
                throw ChangeOutcomeUnknown(change, uncertain, past, "the command was ending, so no read followed");
            Log.Verbose($"{change.Method.Method} {change.LogUrl}: the outcome is uncertain ({Reason(uncertain)}); reading the customer to settle it.");
            try
            {
                return await GetCustomerAsync(change.TargetId!, cancellationToken).ConfigureAwait(false); // a change to settle names its customer
            }
            catch (SecuApiException ex) when (ex.Kind == SecuErrorKind.NotFound)
            {
                return null;
            }
            catch (SecuApiException ex)
            {
                throw ChangeOutcomeUnknown(change, uncertain, past, "the read that followed failed too: " + ex.Message.TrimEnd('.'));
            }
        }

        private static SecuApiException ChangeOutcomeUnknown(ApiRequest change, SecuApiException uncertain, string past, string why) =>
            ErrorMapper.ChangeOutcomeUnknown(change, past, $"{Reason(uncertain)}; {why}", uncertain);

        private static string Reason(SecuApiException ex) =>
            ex.StatusCode.HasValue ? $"HTTP {ex.StatusCode}" : ErrorMapper.Innermost(ex.InnerException ?? ex).TrimEnd('.');

        private static SecuApiException WithoutCustomer(ApiRequest request, int status) =>
            Invalid(request, $"HTTP {status} without the customer");

        /// <summary>True for what the API answers for a customer: a payment.customers object with an id.</summary>
        private static bool IsCustomer([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] PaymentCustomer? c) =>
            c != null && !string.IsNullOrEmpty(c.Id) && c.Object == CustomerObject;

        private const string CustomerObject = "payment.customers";

        private static bool SameContact(Contact? a, Contact? b)
        {
            if (a == null || b == null) return a == b;
            return JToken.DeepEquals(JToken.Parse(ModelJson.Serialize(PaymentCustomerRequest.For(a))),
                                     JToken.Parse(ModelJson.Serialize(PaymentCustomerRequest.For(b))));
        }

        /// <summary>One list request with the given query parameters (count, offset, q, sort, fields, scroll_expire, scroll_id).</summary>
        public async Task<CustomerPage> ListPageAsync(IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
        {
            var request = Request(HttpMethod.Get, ListUri(query), RequestKind.Idempotent, ReadList);
            var response = await Connection.SendAsync(request, Log, cancellationToken, Control).ConfigureAwait(false);
            var page = response.Value ?? throw Invalid(request, "a list answer that is not a JSON object");
            if (page.Data != null)
                foreach (var customer in page.Data) Noted(customer);
            return page;
        }

        /// <summary>Warns (once per run and shape) about the members of a customer that came in a shape the module does not expect.</summary>
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(customer))]
        private PaymentCustomer? Noted(PaymentCustomer? customer)
        {
            if (customer?.Shapes != null) _shapes.Report(customer.Shapes, "customers", Log);
            return customer;
        }

        /// <summary>A lazy listing: pages are fetched only as the caller enumerates.</summary>
        public CustomerPager List(ListQuery query, CancellationToken cancellationToken) =>
            new CustomerPager(this, query, cancellationToken);

        private Uri ListUri(IEnumerable<KeyValuePair<string, string>> query)
        {
            string text = CustomersUrl + ApiPaths.QueryString(query);
            // System.Uri refuses strings beyond 65,519 characters; servers refuse far shorter URLs (8 KB is common).
            if (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.QueryTooLong,
                    $"The listing's URL would be {text.Length:N0} characters long, more than the {MaxUrlLength:N0} a request may have: shorten -Filter (or -Property, -Sort). No request was sent.");
            return uri;
        }

        /// <summary>The longest request URL the module sends; the API's servers refuse longer ones.</summary>
        public const int MaxUrlLength = 8000;

        private Uri ById(string id)
        {
            if (!CustomerIds.IsValid(id))
                throw new SecuApiException(SecuErrorKind.InvalidArgument, ErrorIds.InvalidCustomerId,
                    $"'{id}' is not a customer id: expected PCU_ followed by 30 characters A-Z or 0-9.");
            return new Uri(CustomersUrl + "/" + Uri.EscapeDataString(id));
        }

        /// <summary>A request about customers: its errors name the customer (<paramref name="id"/>, when it is about one).</summary>
        private static ApiRequest<T> Request<T>(HttpMethod method, Uri uri, RequestKind kind, Func<System.IO.Stream, T> read, string? id = null) =>
            new ApiRequest<T>(method, uri, kind) { Resource = CustomerResource.Descriptor, TargetId = id, ReadBody = read };

        private ApiRequest<T> WithBody<T>(ApiRequest<T> request, Contact contact)
        {
            request.JsonBody = ModelJson.Serialize(PaymentCustomerRequest.For(contact));
            // Masking parses the body again: only worth it when Debug will show it.
            if (Log.DebugEnabled) request.DebugBody = LogMasker.MaskBody(request.JsonBody);
            return request;
        }

        /// <summary>A customer answer (an object, or an array holding one) read from the stream; null when it holds none.</summary>
        private static PaymentCustomer? ReadCustomer(System.IO.Stream stream)
        {
            // A customer is well under a kilobyte; a larger buffer would only be allocated and zeroed per call.
            using (var reader = SecuJson.Reader(stream, 1024))
            {
                if (!reader.Read()) throw new JsonReaderException("The answer is empty.");
                if (reader.TokenType == JsonToken.StartArray && !reader.Read()) throw new JsonReaderException("The answer ends inside an array.");
                return reader.TokenType == JsonToken.StartObject ? ModelJson.ReadCustomer(reader) : null;
            }
        }

        /// <summary>A delete's answer: the array holding the deleted customer (or the customer itself); null for an empty answer.</summary>
        private static PaymentCustomer? ReadDeleted(System.IO.Stream stream)
        {
            using (var reader = SecuJson.Reader(stream, 1024))
            {
                if (!reader.Read()) return null;
                if (reader.TokenType == JsonToken.StartArray && !reader.Read()) throw new JsonReaderException("The answer ends inside an array.");
                return reader.TokenType == JsonToken.StartObject ? ModelJson.ReadCustomer(reader) : null;
            }
        }

        /// <summary>A list page read from the stream; null when the answer is not a JSON object.</summary>
        private static CustomerPage? ReadList(System.IO.Stream stream)
        {
            // A page holds hundreds of customers: read it in large chunks.
            using (var reader = SecuJson.Reader(stream, 16384))
            {
                if (!reader.Read()) throw new JsonReaderException("The answer is empty.");
                return reader.TokenType == JsonToken.StartObject ? ModelJson.ReadList(reader) : null;
            }
        }

        private static SecuApiException Invalid(ApiRequest request, string what, Exception? inner = null) =>
            new SecuApiException(SecuErrorKind.InvalidResponse, ErrorIds.InvalidResponse,
                $"{request.Method.Method} {LogMasker.MaskUrl(request.Uri)} returned {what}.", inner)
            { Method = request.Method.Method, RequestUri = request.Uri };
    }
}
