using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of the cmdlets that change customers one pipeline record at a time (New, Set, Remove): adds
    /// -ThrottleLimit and hands each record to a <see cref="BulkRun"/>, which keeps the input order, the throttle, the
    /// stop rules and the counts (docs/reliability.md, "Bulk runs"). Binding, validation and ShouldProcess run on the
    /// pipeline thread before a record's call starts. This class is the PowerShell side of the run: it writes what the
    /// run reports (output through the cmdlets' callbacks, errors, warnings, progress, the summary), asks through
    /// <see cref="ShouldSend"/>, and passes Ctrl+C on.
    /// </summary>
    public abstract class SecuBulkCmdlet : SecuConnectedCmdlet, IBulkRunOutput
    {
        /// <summary>How long an early end waits for the calls in flight before cancelling them.</summary>
        public static readonly TimeSpan InFlightGrace = BulkRun.DefaultInFlightGrace;

        /// <summary>Records in a row that failed because the API was unavailable before the run stops sending.</summary>
        public const int UnavailableStreakLimit = BulkRun.UnavailableStreakLimit;

        /// <summary>The tag of the summary record in the Information stream.</summary>
        public const string SummaryTag = "SecuConnect.Summary";

        /// <summary>The tag of the Information records that repeat the warnings of a run stopped by Ctrl+C.</summary>
        public const string EndedEarlyTag = "SecuConnect.EndedEarly";

        private const int ProgressId = 2;

        private BulkRun? _run;
        private bool? _errorActionStops;
        private ConfirmImpact? _impact;
        private bool _progressShown;
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private long _lastProgressMs = -1;

        /// <summary>How many records' requests may be in flight at once; 1 sends them strictly one after another.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The activity shown by Write-Progress for bulk input, e.g. "Creating customers".</summary>
        private protected abstract string ProgressActivity { get; }

        /// <summary>What a record is, for warnings ("the customer may or may not have been created") and errors' advice.</summary>
        private protected abstract override string RecordNoun { get; }

        /// <summary>The command that reads a record back, for warnings about an unknown outcome and errors' advice.</summary>
        private protected abstract override string ReadCommand { get; }

        /// <summary>
        /// -ThrottleLimit, or 1 when the effective error action is Stop or Inquire: a record's error then ends the
        /// run, and records sent beside it would have been sent after the failing one.
        /// </summary>
        private int EffectiveThrottleLimit => ErrorActionStops ? 1 : ThrottleLimit;

        /// <summary>True when -ErrorAction, or else $ErrorActionPreference in the caller's scope, is Stop or Inquire.</summary>
        private bool ErrorActionStops
        {
            get
            {
                if (!_errorActionStops.HasValue)
                {
                    var preference = PreferenceOf("ErrorAction", "ErrorActionPreference", ActionPreference.Continue);
                    _errorActionStops = preference == ActionPreference.Stop || preference == ActionPreference.Inquire;
                }
                return _errorActionStops.Value;
            }
        }

        /// <summary>The run, made with the first record (the error action is read then).</summary>
        private BulkRun Run
        {
            get
            {
                if (_run != null) return _run;
                var run = new BulkRun(this, new BulkRunSettings
                {
                    Command = MyInvocation.MyCommand.Name, Past = Past, Noun = RecordNoun, ReadCommand = ReadCommand,
                    ThrottleLimit = EffectiveThrottleLimit, DebugEnabled = Log.DebugEnabled, VerboseEnabled = Log.VerboseEnabled,
                });
                Volatile.Write(ref _run, run);
                // A Ctrl+C that came before the run existed still stops its sending.
                if (StopToken.IsCancellationRequested) run.StopSending();
                return run;
            }
        }

        /// <summary>
        /// Starts one record's call through the run (see <see cref="BulkRun.Submit{T}"/>): the call gets its own
        /// <see cref="ApiCall"/> (the run's log and control), from which the resource builds its client;
        /// <paramref name="key"/> (the record's id, or null) keeps two calls for one record apart; <paramref name="target"/> is the input record,
        /// the TargetObject of its error; <paramref name="onSuccess"/> writes the result in input order;
        /// <paramref name="describe"/> names a result (and its key) in a warning when the run ends before writing it.
        /// </summary>
        private protected void Submit<T>(string? key, object? target, Func<ApiCall, CancellationToken, Task<T>> call,
            Action<T> onSuccess, Func<T, string?, string> describe)
        {
            var connection = ActiveConnection;
            try
            {
                Run.Submit(key, target, (log, control, ct) => call(new ApiCall(connection, log, control, Shapes), ct), onSuccess, describe);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes every record still in flight, in input order (before a record that must run alone).</summary>
        private protected void CompleteAll()
        {
            try
            {
                Run.CompleteAll();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes the error of a record rejected before sending (a bad id or date) in its turn; counted as failed.</summary>
        private protected void ReportRejected(ErrorRecord errorRecord) =>
            Run.Reject(() => WriteError(errorRecord), errorRecord.Exception.Message);

        /// <summary>Writes a record's Api failure that the cmdlet met itself (outside <see cref="Submit{T}"/>), counted in the summary.</summary>
        private protected void ReportFailure(SecuApiException ex, object? target) => Run.ReportFailure(ex, target);

        /// <summary>As <see cref="SecuCmdlet.CallApi{T}"/>, for a record's own request; once the run has stopped sending, none is sent.</summary>
        private protected T CallApiWhileSending<T>(Func<CancellationToken, Task<T>> call)
        {
            if (_run != null && _run.Abandoned) throw BulkRun.NotSentError();
            return CallApi(call);
        }

        /// <summary>
        /// The one ShouldProcess of the bulk cmdlets. Once the run has stopped sending, nothing is asked: the record will
        /// not be sent, and goes on to be counted as not attempted. Verbose names the record by <paramref name="verboseTarget"/>
        /// (an id, or "record 3"), never by personal data; -WhatIf and the prompt, which a person asked for, show
        /// <paramref name="shownTarget"/> and the <paramref name="change"/> (built only when one of them can show).
        /// </summary>
        private protected bool ShouldSend(string action, string verboseTarget, string shownTarget, Func<string>? change = null)
        {
            if (_run != null && _run.Abandoned) return true;
            // PowerShell writes the description to Verbose when it confirms on its own, and as "What if: ..." under -WhatIf.
            // When neither a prompt nor Verbose can show, its answer is yes and nothing is written: skip it per record.
            if (!ConfirmationMayShow(ConfirmImpactOfCommand))
                return !Log.VerboseEnabled || ShouldProcess(Performing(action, verboseTarget), null, null);
            string? details = change?.Invoke();
            string shown = details == null ? Performing(action, shownTarget) : $"{action} {shownTarget}:{details}";
            string prompt = details == null ? "Are you sure you want to perform this action?\n" + shown : $"{action} {shownTarget}?{details}";
            return ShouldProcess(WhatIfInEffect ? shown : Performing(action, verboseTarget), prompt, details == null ? null : action);
        }

        private static string Performing(string action, string target) => $"Performing the operation \"{action}\" on target \"{target}\".";

        private ConfirmImpact ConfirmImpactOfCommand =>
            (_impact ?? (_impact = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium)).Value;

        protected override void EndProcessing()
        {
            try
            {
                _run?.Finish();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            base.EndProcessing();
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            // Called on another thread: from now on no call starts a new request; those in flight may finish.
            Volatile.Read(ref _run)?.StopSending();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _run != null)
            {
                // The pipeline ended while this command was not running (an upstream error or stop): account for the calls in flight.
                _run.EndEarly();
                _run.Dispose();
            }
            base.Dispose(disposing);
        }

        /// <summary>"created", "updated" or "removed", for warnings and the summary.</summary>
        private string Past
        {
            get
            {
                string? verb = (MyInvocation.MyCommand as CmdletInfo)?.Verb;
                if (string.Equals(verb, VerbsCommon.New, StringComparison.OrdinalIgnoreCase)) return "created";
                if (string.Equals(verb, VerbsCommon.Remove, StringComparison.OrdinalIgnoreCase)) return "removed";
                return "updated";
            }
        }

        #region What the run writes (IBulkRunOutput), on the pipeline thread

        void IBulkRunOutput.WaitFor(Task call)
        {
            try
            {
                // Blocks on the pipeline thread; Ctrl+C ends the wait at once (the calls get InFlightGrace to finish).
                Task.WaitAny(new[] { call }, StopToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        void IBulkRunOutput.WriteLog(ApiLogQueue? log) => DrainLog(log);

        void IBulkRunOutput.WriteFailure(SecuApiException error, object? target) => WriteApiError(error, target);

        /// <summary>
        /// A record the abandoned run did not send, as its own non-terminating error, so -ErrorVariable holds every row
        /// and -ErrorAction decides how it shows.
        /// </summary>
        void IBulkRunOutput.WriteNotAttempted(SecuApiException notSent, object? target) =>
            WriteError(new ErrorRecord(notSent, ErrorIds.NotAttempted, ErrorCategory.ResourceUnavailable, target)
            {
                ErrorDetails = new ErrorDetails(notSent.Message)
                {
                    RecommendedAction = $"Check that the API answers ({ReadCommand} -First 1), then pipe the TargetObject of the NotAttempted errors to the command again.",
                },
            });

        void IBulkRunOutput.WriteVerbose(string line) => WriteVerbose(line);

        string IBulkRunOutput.RowText(object? target)
        {
            if (target is PSObject record) return record.ToString();
            return target == null ? "(no input)" : LanguagePrimitives.ConvertTo<string>(target);
        }

        void IBulkRunOutput.ShowProgress(int finished, int received, int inFlight)
        {
            if (received < 2) return;
            long now = _progressClock.ElapsedMilliseconds;
            if (_lastProgressMs >= 0 && now - _lastProgressMs < 250) return;
            _lastProgressMs = now;
            _progressShown = true;
            // A new record each time: hosts may keep the ones already written.
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{finished} of {received} done, {inFlight} in progress"));
        }

        void IBulkRunOutput.CompleteProgress(int finished, int received)
        {
            if (!_progressShown) return;
            _progressShown = false;
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{finished} of {received} done")
                { RecordType = ProgressRecordType.Completed });
        }

        void IBulkRunOutput.WriteSummary(BulkSummary summary) => WriteInformation(summary, new[] { SummaryTag });

        /// <summary>
        /// A warning about a record after an early end. After a downstream error or Select-Object -First, WriteWarning
        /// works. After Ctrl+C (a stopping pipeline) PowerShell refuses every stream but Information, so the warning
        /// is written to the host and appended to -WarningVariable directly, and also written as an Information
        /// record tagged <see cref="EndedEarlyTag"/> (for hosts without a UI, such as the PowerShell API's Streams).
        /// </summary>
        void IBulkRunOutput.WarnAfterEnd(string warning)
        {
            try
            {
                WriteWarning(warning);
                return;
            }
            catch (PipelineStoppedException)
            {
            }
            catch (Exception ex) when (!SecuApiException.IsFatal(ex))
            {
                // -WarningAction Stop: the warning was recorded before the stop was raised.
                return;
            }
            var preference = PreferenceOf("WarningAction", "WarningPreference", ActionPreference.Continue);
            if (preference == ActionPreference.Ignore) return;
            var record = new WarningRecord(warning);
            if (preference != ActionPreference.SilentlyContinue) Quietly(() => Host.UI.WriteWarningLine(warning));
            Quietly(() => AppendToWarningVariable(record));
            Quietly(() => WriteInformation(warning, new[] { EndedEarlyTag }));
        }

        #endregion

        /// <summary>PowerShell appends to -WarningVariable only through WriteWarning, which a stopping pipeline refuses.</summary>
        private void AppendToWarningVariable(WarningRecord record)
        {
            if (!MyInvocation.BoundParameters.TryGetValue("WarningVariable", out var bound) || !(bound is string name) || name.Length == 0) return;
            if (name[0] == '+') name = name.Substring(1);
            object value = SessionState.PSVariable.GetValue(name);
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is System.Collections.IList list && !list.IsReadOnly && !list.IsFixedSize) list.Add(record);
        }

        private static void Quietly(Action write)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // The pipeline is ending: a stream that refuses (a closed redirection) must not hide the rest.
            }
        }
    }
}
