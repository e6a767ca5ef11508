using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Sends a request to any part of the SecuConnect API through the current connection.</para>
    /// The escape hatch for resources without their own cmdlet (payment containers, transactions, contracts, ...): the
    /// same token renewal, retry rules, timeouts, masking and ErrorRecords as the customer cmdlets.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "SecuConnectRequest", DefaultParameterSetName = ObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), ParameterSetName = new[] { ObjectSet })]
    [OutputType(typeof(System.Collections.Specialized.OrderedDictionary), ParameterSetName = new[] { ObjectSet })]
    [OutputType(typeof(string), ParameterSetName = new[] { RawSet, ObjectSet })]
    public sealed class InvokeSecuConnectRequestCommand : SecuConnectedCmdlet
    {
        public const string ObjectSet = "Object";
        public const string RawSet = "Raw";
        public const string OutFileSet = "OutFile";
        public const string PSObjectOutput = "PSObject";
        public const string HashtableOutput = "Hashtable";
        public const string JsonOutput = "Json";

        /// <summary>GET (the default), POST, PUT, PATCH or DELETE. A lone positional value that is no method is the path.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RequestPathCompleter))]
        [ValidateNotNullOrEmpty]
        public string Method { get; set; } = "Get";

        /// <summary>The resource, relative to {BaseUri}/api/v2/ (Payment/Containers, or /Payment/Containers), or /api/v2/..., or an absolute URL on the connection's host.</summary>
        [Parameter(Position = 1)]
        [Alias("Uri")]
        [ArgumentCompleter(typeof(RequestPathCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Query parameters (count, offset, sort, fields, q, ...), added to any the path has.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Query { get; set; }

        /// <summary>A hashtable or object, converted to JSON with its names as given, or a JSON string sent as it is.</summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary>Headers to send, such as a reference or an Accept; the connection's own (Authorization, Host) are refused.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Headers { get; set; }

        /// <summary>The media type of a string -Body that is not JSON (text/plain, application/xml); a table or object is always JSON.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        /// <summary>A variable in the caller's scope that receives the answer's HTTP status, as Invoke-RestMethod sets it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusCodeVariable { get; set; }

        /// <summary>A variable in the caller's scope that receives the answer's headers: names case-insensitive, values string arrays.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResponseHeadersVariable { get; set; }

        /// <summary>PSObject (the default): objects; Hashtable: ordered, nested hashtables; Json: the answer's text.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateSet(PSObjectOutput, HashtableOutput, JsonOutput, IgnoreCase = true)]
        public string OutputType { get; set; } = PSObjectOutput;

        /// <summary>Lists every page of a list resource through the scroll search.</summary>
        [Parameter(ParameterSetName = ObjectSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Writes the answer's text instead of objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        public SwitchParameter Raw { get; set; }

        /// <summary>Writes the answer's bytes to this file.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OutFileSet)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>-Path as every line, progress record and error target shows it: tokens, secrets and filters masked.</summary>
        private string? ShownPath => _shownPath ?? (_shownPath = LogMasker.MaskPath(Path));

        private string? _shownPath;

        protected override void ProcessRecord()
        {
            var method = ResolveMethod();
            bool isGet = method == HttpMethod.Get;
            if (All && !isGet)
                ThrowTerminatingError(Errors.Argument(ErrorIds.AllNeedsGet, $"-All lists the pages of a list resource, so it needs -Method Get, not {method.Method}. No request was sent.", ShownPath));

            var generic = new GenericClient(ActiveConnection, Log);
            string? json = null;
            string? headerType = null;
            try
            {
                generic.Headers = RequestInput.Headers(Headers, out headerType);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidHeader, ex.Message + " No request was sent.", Headers));
            }
            try
            {
                // -ContentType wins over a Content-Type in -Headers, as in Invoke-RestMethod.
                string? type = ContentType ?? headerType;
                if (type != null) generic.ContentType = RequestInput.ContentType(type);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidHeader, ex.Message + " No request was sent.", ContentType ?? (object?)Headers));
            }
            try
            {
                json = RequestInput.BodyText(Body, generic.ContentType);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidBody, ex.Message + " No request was sent.", Body));
            }
            if (json != null && isGet)
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidBody, "A GET request sends no body: pass its parameters with -Query. No request was sent.", Body));

            List<KeyValuePair<string, string>>? query = null;
            try
            {
                query = RequestInput.Query(Query);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidQuery, ex.Message + " No request was sent.", Query));
            }

            Uri? uri = null;
            List<KeyValuePair<string, string>>? pathQuery = null;
            try
            {
                uri = ApiPaths.Resolve(ActiveConnection.BaseUri, Path, out pathQuery);
            }
            catch (SecuApiException ex)
            {
                var category = ex.ErrorId == ErrorIds.ForeignUrl ? ErrorCategory.SecurityError : ErrorCategory.InvalidArgument;
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, category, ShownPath) { ErrorDetails = Errors.FromApi(ex, ShownPath).ErrorDetails });
            }
            query = ApiPaths.Merge(pathQuery, query);

            string? file = null;
            if (ParameterSetName == OutFileSet) file = ResolveOutFile();

            // Set from here on: a path that does not resolve ended the command above (ThrowTerminatingError does not return).
            var target = ApiPaths.WithQuery(uri!, query);
            if (!isGet && !ShouldProcess(LogMasker.MaskUrl(target), method.Method)) return;

            try
            {
                if (All) List(generic, uri!, query);
                else if (file != null) Download(generic, method, target, json, file);
                else Send(generic, method, target, json);
                SetResponseVariables(generic.LastResponse);
            }
            catch (SecuApiException ex)
            {
                // The failing answer's status, not that of an earlier page.
                SetStatusVariable(ex.StatusCode);
                Report(ex);
            }
            DrainLog();
        }

        /// <summary>
        /// The method to send. Method sits at position 0 and defaults to GET, so a lone positional value binds to it:
        /// when no path follows and the value is no HTTP method, it is the path (Invoke-SecuConnectRequest Payment/Customers).
        /// </summary>
        private HttpMethod ResolveMethod()
        {
            if (Path == null && !IsHttpMethod(Method))
            {
                Path = Method;
                Method = "Get";
            }
            if (!IsHttpMethod(Method))
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidMethod,
                    $"'{LogMasker.MaskPath(Method)}' is not a method: use Get, Post, Put, Patch or Delete (Get when left out). No request was sent.", LogMasker.MaskPath(Method)));
            return new HttpMethod(Method.Trim().ToUpperInvariant());
        }

        internal static readonly string[] HttpMethods = { "Get", "Post", "Put", "Patch", "Delete" };

        private static bool IsHttpMethod(string value) =>
            HttpMethods.Contains(value?.Trim(), StringComparer.OrdinalIgnoreCase);

        private void SetStatusVariable(int? status)
        {
            if (StatusCodeVariable != null && status.HasValue) SessionState.PSVariable.Set(StatusCodeVariable, status.Value);
        }

        /// <summary>Sets -StatusCodeVariable and -ResponseHeadersVariable from the last answer (the last page with -All).</summary>
        private void SetResponseVariables(ApiResponse? response)
        {
            if (response == null) return;
            SetStatusVariable(response.StatusCode);
            if (ResponseHeadersVariable != null && response.Headers != null) SessionState.PSVariable.Set(ResponseHeadersVariable, response.Headers);
        }

        /// <summary>One JSON value as -OutputType asks: an object, an ordered hashtable, or its JSON text.</summary>
        private object? Shape(JToken item)
        {
            if (string.Equals(OutputType, HashtableOutput, StringComparison.OrdinalIgnoreCase)) return RequestOutput.ToHashtable(item);
            if (string.Equals(OutputType, JsonOutput, StringComparison.OrdinalIgnoreCase)) return item?.ToString(Formatting.None);
            return PowerShellJson.ToPowerShell(item);
        }

        private void Send(GenericClient generic, HttpMethod method, Uri target, string? json)
        {
            string? body = CallApi(ct => generic.SendAsync(method, target, json, ct));
            if (body == null) return;
            if (Raw || string.Equals(OutputType, JsonOutput, StringComparison.OrdinalIgnoreCase))
            {
                WriteObject(body);
                return;
            }
            JToken? answer;
            try
            {
                answer = GenericClient.ParseAnswer(body);
            }
            catch (JsonException)
            {
                // Not JSON (text, or a document that -OutFile would have kept as bytes): written as the text it is.
                WriteObject(body);
                return;
            }
            if (GenericClient.TryReadList(answer, out long? count, out JArray? data, out _))
            {
                string total = count.HasValue ? count.Value.ToString(CultureInfo.InvariantCulture) : "an unknown number of";
                WriteVerbose($"{method.Method} {ShownPath}: {data.Count.ToString(CultureInfo.InvariantCulture)} of {total} items" +
                             (count.HasValue && count.Value > data.Count ? "; -All lists every page." : "."));
                foreach (var item in data) WriteObject(Shape(item));
                return;
            }
            if (answer is JArray array)
            {
                foreach (var item in array) WriteObject(Shape(item));
                return;
            }
            if (answer != null) WriteObject(Shape(answer));
        }

        private void Download(GenericClient generic, HttpMethod method, Uri target, string? json, string file)
        {
            byte[] bytes = CallApi(ct => generic.DownloadAsync(method, target, json, ct));
            try
            {
                File.WriteAllBytes(file, bytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.OutFileWriteFailed, ErrorCategory.WriteError, OutFile)
                {
                    ErrorDetails = new ErrorDetails($"The answer ({bytes.Length} bytes) could not be written to '{file}': {ex.Message}")
                    {
                        RecommendedAction = "Give an -OutFile in a folder that exists and may be written, then run the command again.",
                    },
                });
                return;
            }
            WriteVerbose($"Wrote {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes to {file}.");
        }

        private void List(GenericClient generic, Uri uri, List<KeyValuePair<string, string>> query)
        {
            var listQuery = new ListQuery { Parameters = new List<KeyValuePair<string, string>>() };
            foreach (var pair in query)
            {
                switch (pair.Key)
                {
                    case "count":
                        if (!int.TryParse(pair.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1 || size > ListQuery.MaxPageSize)
                            ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidQuery, $"With -All, 'count' is the page size: 1 to {ListQuery.MaxPageSize}, not '{pair.Value}'. No request was sent.", Query));
                        listQuery.PageSize = size;
                        break;
                    case "scroll_expire":
                        listQuery.ScrollExpire = pair.Value;
                        break;
                    case "offset":
                    case "scroll_id":
                        ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidQuery, $"-All reads every page through the scroll search, which takes no '{pair.Key}'. Leave it out, or page yourself without -All. No request was sent.", Query));
                        break;
                    default:
                        listQuery.Parameters.Add(pair);
                        break;
                }
            }

            WriteListing(generic.List(uri, listQuery, StopToken), listQuery.PageSize, new ProgressRecord(3, "Invoke-SecuConnectRequest", "Listing " + ShownPath),
                pager => WriteVerbose($"GET {ShownPath}: " + (pager.Total.HasValue ? $"{pager.Total.Value.ToString(CultureInfo.InvariantCulture)} items in total." : "the API gave no total.")),
                item => Shape(item));
        }

        private string ResolveOutFile()
        {
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            string directory = System.IO.Path.GetDirectoryName(file);
            if (Directory.Exists(file) || (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory)))
                ThrowTerminatingError(Errors.Argument(ErrorIds.InvalidOutFile,
                    $"Cannot write the answer to '{OutFile}': " + (Directory.Exists(file) ? "it is a folder." : $"the folder '{directory}' does not exist.") + " No request was sent.", OutFile));
            return file;
        }

        /// <summary>Reports an Api failure like the customer cmdlets, with advice that fits any resource.</summary>
        private void Report(SecuApiException ex)
        {
            var record = Errors.FromApi(ex, ShownPath);
            switch (ex.Kind)
            {
                case SecuErrorKind.NotFound:
                    record.ErrorDetails.RecommendedAction = "Check the path and the id in it; Get-Help Invoke-SecuConnectRequest shows the resource names.";
                    break;
                case SecuErrorKind.OutcomeUnknown:
                    record.ErrorDetails.RecommendedAction = "Check with Invoke-SecuConnectRequest Get whether the change took effect before sending it again.";
                    break;
                case SecuErrorKind.InvalidData:
                    record.ErrorDetails.RecommendedAction = "Correct the field named in the message and send the request again.";
                    break;
                case SecuErrorKind.RateLimited:
                case SecuErrorKind.Unavailable:
                case SecuErrorKind.Timeout:
                    record.ErrorDetails.RecommendedAction = "Send the request again later; raise -TimeoutSec or -MaximumRetryCount on Connect-SecuConnect if it persists.";
                    break;
            }
            if (ex.IsSessionFailure) ThrowTerminatingError(record);
            WriteError(record);
        }
    }
}
