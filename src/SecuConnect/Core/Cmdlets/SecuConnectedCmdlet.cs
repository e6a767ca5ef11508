using System;
using System.Management.Automation;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of the cmdlets that call the API: adds -Connection and falls back to the runspace's default
    /// connection, else stops with NotConnected.
    /// </summary>
    public abstract class SecuConnectedCmdlet : SecuCmdlet
    {
        private SecuConnection? _connection;
        private ApiCall? _call;

        /// <summary>A connection from Connect-SecuConnect -PassThru; without it the runspace's default connection is used.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecuConnection? Connection { get; set; }

        /// <summary>The connection this command uses: -Connection, else the runspace's default (resolved once).</summary>
        private protected SecuConnection ActiveConnection => _connection ?? (_connection = ResolveConnection());

        /// <summary>The connection and this command's log, from which a resource builds its client for calls on the pipeline thread.</summary>
        private protected ApiCall Call => _call ?? (_call = new ApiCall(ActiveConnection, Log, null, Shapes));

        protected override void BeginProcessing()
        {
            _ = ActiveConnection;
        }

        /// <summary>
        /// Writes a lazy listing item by item on the pipeline thread: the next page is fetched as the pipeline consumes
        /// this one, the Api's log lines are written as they come, long listings show progress (always completed), and a
        /// downstream Select-Object -First disposes the listing so no further page is fetched.
        /// </summary>
        private protected void WriteListing<T>(ListPager<T> pager, int pageSize, ProgressRecord progress, Action<ListPager<T>> onFirstPage, Func<T, object?> shape)
        {
            bool showProgress = false, firstPage = true;
            long written = 0;
            using (var e = pager.GetEnumerator())
            {
                try
                {
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
                        if (firstPage && pager.HasFirstPage)
                        {
                            firstPage = false;
                            onFirstPage?.Invoke(pager);
                        }
                        if (!has) break;
                        WriteObject(shape(e.Current));
                        written++;
                        if (pager.Total.HasValue && pager.Total.Value > pageSize && written % 100 == 0)
                        {
                            showProgress = true;
                            progress.PercentComplete = (int)Math.Min(100, written * 100 / Math.Max(1, pager.Total.Value));
                            progress.StatusDescription = $"{written} of {pager.Total.Value}";
                            WriteProgress(progress);
                        }
                    }
                }
                finally
                {
                    if (showProgress)
                    {
                        progress.RecordType = ProgressRecordType.Completed;
                        // After a downstream stop the pipeline refuses records: the stop is what propagates.
                        try { WriteProgress(progress); }
                        catch (PipelineStoppedException) { }
                    }
                }
            }
        }

        /// <summary>
        /// The tail every list cmdlet shares: writes the listing, led by the total under -IncludeTotalCount; an API failure
        /// is a non-terminating error on <paramref name="target"/>; log lines still queued are written last.
        /// </summary>
        private protected void WritePagedListing<T>(ListPager<T> pager, int pageSize, ProgressRecord progress, Func<T, object?> shape, object? target)
        {
            try
            {
                WriteListing(pager, pageSize, progress,
                    first =>
                    {
                        if (PagingParameters.IncludeTotalCount) WriteTotalCount(first.Total);
                    },
                    shape);
            }
            catch (SecuApiException ex)
            {
                WriteApiError(ex, target);
            }
            DrainLog();
        }

        /// <summary>The -IncludeTotalCount object; an unknown total is written as 0 with accuracy 0.</summary>
        private protected void WriteTotalCount(long? total) =>
            WriteObject(PagingParameters.NewTotalCount(total.HasValue ? (ulong)total.Value : 0, total.HasValue ? 1.0 : 0.0));

        /// <summary>
        /// Runs a translation of user input (-Filter, -Sort, -Property) to the API's terms; a name it does not know ends
        /// the command before sending, listing the <paramref name="noun"/>'s names.
        /// </summary>
        private protected string TranslateQuery<T>(Func<T, string?> translate, T value, string errorId, QueryTranslator names, string noun, string examplePath)
        {
            string? result = null;
            try
            {
                result = translate(value);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(Errors.Argument(errorId, ex.Message + " No request was sent.", value));
            }
            if (result == null)
            {
                ThrowTerminatingError(Errors.Argument(errorId,
                    $"Cannot use '{value}': it is neither a {noun} property ({string.Join(", ", names.KnownNames)}) nor an API path such as {examplePath}. No request was sent.", value));
            }
            return result!; // ThrowTerminatingError above does not return
        }

        private SecuConnection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Get();
            if (connection == null)
                ThrowTerminatingError(Errors.NotConnected("Not connected to SecuConnect. Run Connect-SecuConnect first, or pass -Connection."));
            if (connection!.IsDisposed) // ThrowTerminatingError above does not return
                ThrowTerminatingError(Errors.NotConnected("This connection was closed by Disconnect-SecuConnect. Run Connect-SecuConnect to sign in again."));
            return connection;
        }
    }
}
