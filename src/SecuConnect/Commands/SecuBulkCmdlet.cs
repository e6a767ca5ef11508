using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Api;
using SecuConnect.Models;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of the cmdlets that change customers one pipeline record at a time (New, Set, Remove): adds
    /// -ThrottleLimit and sends up to that many records' requests at once. Binding, validation and ShouldProcess
    /// run on the pipeline thread before a record's call starts; each call logs into its own ApiLogQueue, and results,
    /// errors and log lines are written on the pipeline thread in input order.
    /// <para>
    /// Every record is accounted for (docs/reliability.md):
    /// - when the effective error action is Stop or Inquire, records run one at a time, so nothing after a failing
    ///   record is sent;
    /// - when the run ends early (a downstream error, Select-Object -First, Ctrl+C, a terminating error), nothing new
    ///   is sent, the calls in flight get <see cref="InFlightGrace"/> to finish, and each is reported as a warning
    ///   (output and error streams are closed by then);
    /// - when <see cref="UnavailableStreakLimit"/> records in a row fail unsent because the API is unavailable, no further
    ///   record is sent: each record not sent gets its own non-terminating error, NotAttempted, with its input as
    ///   TargetObject, and the summary says why the run was abandoned;
    /// - the run ends with a summary in the Information stream, tagged <see cref="SummaryTag"/>.
    /// </para>
    /// </summary>
    public abstract class SecuBulkCmdlet : SecuConnectedCmdlet
    {
        /// <summary>How long an early end waits for the calls in flight before cancelling them.</summary>
        public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(3);

        /// <summary>How long cancelled calls get to observe the cancellation.</summary>
        private static readonly TimeSpan CancelGrace = TimeSpan.FromMilliseconds(500);

        /// <summary>Records in a row that failed because the API was unavailable before the run stops sending.</summary>
        public const int UnavailableStreakLimit = 5;

        /// <summary>The tag of the summary record in the Information stream.</summary>
        public const string SummaryTag = "SecuConnect.Summary";

        private const int ProgressId = 2;

        private readonly Queue<Pending> _pending = new Queue<Pending>();
        // Cancels the calls in flight (only after InFlightGrace of an early end); a stop does not cancel them at once.
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();
        // Once cancelled, no call starts a new request, retry or follow-up request.
        private readonly CancellationTokenSource _stopSending = new CancellationTokenSource();
        private bool _progressShown;
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private long _lastProgressMs = -1;
        private int _received;

        // True while a record's outcome is written: its own errors go out at once, they are already in order.
        private bool _completing;
        private int _finished;
        private bool? _errorActionStops;
        private bool _endedEarly;
        private bool _summaryWritten;
        private int _done, _failed, _unknown, _notAttempted;
        private int _unavailableStreak;
        private SecuApiException _abandonedBecause;
        private Capture _capture;

        /// <summary>How many records' requests may be in flight at once; 1 sends them strictly one after another.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The activity shown by Write-Progress for bulk input, e.g. "Creating customers".</summary>
        private protected abstract string ProgressActivity { get; }

        /// <summary>
        /// -ThrottleLimit, or 1 when the effective error action is Stop or Inquire: a record's error then ends the
        /// run, and records sent beside it would have been sent after the failing one.
        /// </summary>
        private protected int EffectiveThrottleLimit => ErrorActionStops ? 1 : ThrottleLimit;

        /// <summary>True when -ErrorAction, or else $ErrorActionPreference in the caller's scope, is Stop or Inquire.</summary>
        private protected bool ErrorActionStops
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

        private sealed class Pending
        {
            public string Key;
            public ApiLogQueue Log;
            public Task Task;
            public CallControl Control;
            /// <summary>Writes the outcome while the pipeline runs.</summary>
            public Action Complete;
            /// <summary>Counts the outcome and describes it for a warning, after an early end.</summary>
            public Func<string> Report;
        }

        private sealed class Capture
        {
            public object Target;
        }

        /// <summary>
        /// Starts one record's Api call. Waits first for an earlier record with the same key (customer id), so two
        /// changes to one customer never race, and for the oldest record when ThrottleLimit calls are in flight.
        /// <paramref name="onSuccess"/> and <paramref name="onError"/> run later on the pipeline thread, in input order.
        /// <paramref name="onError"/> must report through <see cref="WriteApiError"/>: its target is also the record
        /// that a warning names when the run ends before the error can be written.
        /// </summary>
        private protected void Submit<T>(string key, Func<SecuClient, CancellationToken, Task<T>> call, Action<T> onSuccess, Action<SecuApiException> onError)
        {
            EndEarlyOnFailure(() =>
            {
                if (_abandonedBecause == null && key != null)
                {
                    while (_pending.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase))) CompleteOldest();
                }
                // No throttle wait here: the previous record left at most ThrottleLimit - 1 calls in flight.
                if (_abandonedBecause != null)
                {
                    // The API is unavailable: this record is reported, not sent.
                    WriteNotAttempted(TargetOf(onError, NotAttempted()) ?? key);
                    return;
                }

                var log = new ApiLogQueue { DebugEnabled = Log.DebugEnabled };
                var control = new CallControl(_stopSending.Token);
                var client = new SecuClient(Client.Connection, log) { Control = control };
                Task<T> task;
                try
                {
                    task = call(client, _abort.Token);
                }
                catch (Exception ex) when (!SecuApiException.IsFatal(ex))
                {
                    task = FromException<T>(ex);
                }
                _pending.Enqueue(new Pending
                {
                    Key = key,
                    Log = log,
                    Task = task,
                    Control = control,
                    Complete = () =>
                    {
                        T result;
                        try
                        {
                            result = task.GetAwaiter().GetResult();
                        }
                        catch (Exception ex) when (!SecuApiException.IsFatal(ex))
                        {
                            var error = SecuApiException.Unexpected(ex);
                            TrackAvailability(error);
                            onError(error);
                            return;
                        }
                        _done++;
                        _unavailableStreak = 0;
                        onSuccess(result);
                    },
                    Report = () => DescribeEnded(task, key, control, onError),
                });
                _received++;

                // Write what is already done, then keep at most ThrottleLimit - 1 in flight while the next record binds.
                while (_pending.Count > 0 && _pending.Peek().Task.IsCompleted) CompleteOldest();
                while (_pending.Count >= EffectiveThrottleLimit) CompleteOldest();
                ReportProgress();
            });
        }

        /// <summary>Completes every record still in flight, in input order (before a record that must run alone, and at the end).</summary>
        private protected void CompleteAll() => EndEarlyOnFailure(() =>
        {
            while (_pending.Count > 0) CompleteOldest();
        });

        protected override void EndProcessing()
        {
            CompleteAll();
            _endedEarly = true; // ended in time: nothing left for Dispose to report
            CompleteProgress();
            WriteSummary();
            base.EndProcessing();
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            // Called on another thread: from now on no call starts a new request; those in flight may finish.
            try { _stopSending.Cancel(); } catch (ObjectDisposedException) { }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // The pipeline ended while this command was not running (an upstream error or stop): account for the calls in flight.
                EndEarly();
                _abort.Dispose();
                _stopSending.Dispose();
            }
            base.Dispose(disposing);
        }

        #region Reporting through the base class, so the cmdlets need not know about counting

        /// <summary>Reports a record's Api failure (counted in the summary), or, while an ended run is being accounted for, only names the record.</summary>
        private protected new void WriteApiError(SecuApiException ex, object target)
        {
            if (_capture != null)
            {
                _capture.Target = target;
                return;
            }
            if (_abandonedBecause != null && ex.Kind == SecuErrorKind.NotAttempted)
            {
                WriteNotAttempted(target);
                return;
            }
            Count(ex);
            base.WriteApiError(ex, target);
        }

        /// <summary>Writes a record's error; a record rejected before sending counts as failed in the summary.</summary>
        private protected new void WriteError(ErrorRecord errorRecord)
        {
            if (!_completing && _pending.Count > 0)
            {
                // Found before sending (a bad id or date) while earlier records are in flight: it waits its turn, so
                // errors and output keep the input order.
                _pending.Enqueue(new Pending
                {
                    Log = new ApiLogQueue(),
                    Task = Task.CompletedTask,
                    Complete = () => { _failed++; base.WriteError(errorRecord); },
                    Report = () => { _failed++; return $"{MyInvocation.MyCommand.Name}: a record was not sent: {errorRecord.Exception.Message}"; },
                });
                _received++;
                return;
            }
            _failed++;
            base.WriteError(errorRecord);
        }

        /// <summary>
        /// The one ShouldProcess of the bulk cmdlets. Once the run has stopped sending, nothing is asked: the record will
        /// not be sent, and goes on to be counted as not attempted. Verbose names the record by <paramref name="verboseTarget"/>
        /// (an id, or "record 3"), never by personal data; -WhatIf and the prompt, which a person asked for, show
        /// <paramref name="shownTarget"/> and the <paramref name="change"/> (built only when one of them can show).
        /// </summary>
        private protected bool ShouldSend(string action, string verboseTarget, string shownTarget, Func<string> change = null)
        {
            if (_abandonedBecause != null) return true;
            // PowerShell writes the description to Verbose when it confirms on its own, and as "What if: ..." under -WhatIf.
            if (!ConfirmationMayShow(ConfirmImpactOfCommand)) return base.ShouldProcess(Performing(action, verboseTarget), null, null);
            string details = change?.Invoke();
            string shown = details == null ? Performing(action, shownTarget) : $"{action} {shownTarget}:{details}";
            string prompt = details == null ? "Are you sure you want to perform this action?\n" + shown : $"{action} {shownTarget}?{details}";
            return base.ShouldProcess(WhatIfInEffect ? shown : Performing(action, verboseTarget), prompt, details == null ? null : action);
        }

        private static string Performing(string action, string target) => $"Performing the operation \"{action}\" on target \"{target}\".";

        private ConfirmImpact ConfirmImpactOfCommand =>
            (_impact ?? (_impact = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium)).Value;

        private ConfirmImpact? _impact;

        /// <summary>As SecuCmdlet.Run; once the run has stopped sending, no request is sent.</summary>
        private protected new T CallApi<T>(Func<CancellationToken, Task<T>> call)
        {
            if (_abandonedBecause != null) throw NotAttempted();
            return base.CallApi(call);
        }

        #endregion

        private void CompleteOldest()
        {
            var item = _pending.Peek();
            try
            {
                // Blocks on the pipeline thread; Ctrl+C ends the wait at once (the calls get InFlightGrace to finish).
                Task.WaitAny(new[] { item.Task }, StopToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                DrainLog(item.Log);
            }
            _pending.Dequeue();
            _finished++;
            try
            {
                _completing = true;
                item.Complete();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                _completing = false;
            }
            ReportProgress();
        }

        /// <summary>Any exception leaving the batch (stop, terminating error, downstream Select -First) ends the run early.</summary>
        private void EndEarlyOnFailure(Action action)
        {
            try
            {
                action();
            }
            catch
            {
                EndEarly();
                throw;
            }
        }

        /// <summary>
        /// Sends nothing new, waits up to <see cref="InFlightGrace"/> for the calls in flight, cancels what is left,
        /// and reports each call as a warning: output and error streams refuse writes once a pipeline stops, warnings
        /// still reach -WarningVariable and the host. Never throws.
        /// </summary>
        private void EndEarly()
        {
            if (_endedEarly) return;
            _endedEarly = true;
            try { _stopSending.Cancel(); } catch (ObjectDisposedException) { }
            var items = _pending.ToArray();
            _pending.Clear();
            if (items.Length > 0)
            {
                var tasks = items.Select(p => p.Task).ToArray();
                try
                {
                    if (!Task.WaitAll(tasks, InFlightGrace))
                    {
                        _abort.Cancel();
                        Task.WaitAll(tasks, CancelGrace);
                    }
                }
                catch (AggregateException) { }
                catch (ObjectDisposedException) { }
                foreach (var item in items)
                {
                    Quietly(() => DrainLog(item.Log));
                    string text = null;
                    try { text = item.Report(); }
                    catch (Exception ex) when (!SecuApiException.IsFatal(ex)) { text = "A record's outcome could not be described: " + ex.Message; }
                    if (text != null) WarnAfterEnd(text);
                }
            }
            Quietly(CompleteProgress);
            Quietly(WriteSummary);
        }

        /// <summary>The tag of the Information records that repeat the warnings of a run stopped by Ctrl+C.</summary>
        public const string EndedEarlyTag = "SecuConnect.EndedEarly";

        /// <summary>
        /// A warning about a record after an early end. After a downstream error or Select-Object -First, WriteWarning
        /// works. After Ctrl+C (a stopping pipeline) PowerShell refuses every stream but Information, so the warning
        /// is written to the host and appended to -WarningVariable directly, and also written as an Information
        /// record tagged <see cref="EndedEarlyTag"/> (for hosts without a UI, such as the PowerShell API's Streams).
        /// </summary>
        private void WarnAfterEnd(string text)
        {
            try
            {
                base.WriteWarning(text);
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
            var preference = WarningPreference();
            if (preference == ActionPreference.Ignore) return;
            var record = new WarningRecord(text);
            if (preference != ActionPreference.SilentlyContinue) Quietly(() => Host.UI.WriteWarningLine(text));
            Quietly(() => AppendToWarningVariable(record));
            Quietly(() => WriteInformation(text, new[] { EndedEarlyTag }));
        }

        private ActionPreference WarningPreference() => PreferenceOf("WarningAction", "WarningPreference", ActionPreference.Continue);

        private void AppendToWarningVariable(WarningRecord record)
        {
            if (!MyInvocation.BoundParameters.TryGetValue("WarningVariable", out var bound) || !(bound is string name) || name.Length == 0) return;
            if (name[0] == '+') name = name.Substring(1);
            object value = SessionState.PSVariable.GetValue(name);
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is System.Collections.IList list && !list.IsReadOnly && !list.IsFixedSize) list.Add(record);
        }

        /// <summary>Counts the outcome of a call after an early end and describes it for a warning.</summary>
        private string DescribeEnded<T>(Task<T> task, string key, CallControl control, Action<SecuApiException> onError)
        {
            string command = MyInvocation.MyCommand.Name;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                _done++;
                var customer = task.Result as PaymentCustomer;
                string id = customer?.Id ?? key;
                string name = customer?.Contact?.Name;
                return $"{command} ended before writing this result: {Past} customer {id}" +
                       (string.IsNullOrEmpty(name) ? string.Empty : $" ({name})") + ".";
            }
            if (task.IsFaulted)
            {
                var error = SecuApiException.Unexpected(task.Exception.InnerExceptions.Count == 1 ? task.Exception.InnerException : task.Exception);
                string row = RowText(TargetOf(onError, error), key);
                switch (error.Kind)
                {
                    case SecuErrorKind.NotAttempted:
                        _notAttempted++;
                        return $"{command} ended before sending this record: {row}.";
                    case SecuErrorKind.OutcomeUnknown:
                        _unknown++;
                        return $"{command} ended with this record's outcome unknown (OutcomeUnknown): {row}. {error.Message}";
                    default:
                        _failed++;
                        return $"{command} ended before writing this record's error ({error.ErrorId}): {row}. {error.Message}";
                }
            }
            // Cancelled, or still running after the grace period.
            string text = RowText(TargetOf(onError, NotAttempted()), key);
            if (!control.ChangeSent)
            {
                _notAttempted++;
                return $"{command} ended before sending this record: {text}.";
            }
            _unknown++;
            return $"{command} ended with this record's outcome unknown (OutcomeUnknown): {text}. No answer came within " +
                   $"{InFlightGrace.TotalSeconds:0} s of the end, so the request was abandoned: the customer may or may not have been {Past}; check with Get-SecuCustomer.";
        }

        /// <summary>The target <paramref name="onError"/> would write for <paramref name="error"/>, without writing it.</summary>
        private object TargetOf(Action<SecuApiException> onError, SecuApiException error)
        {
            var capture = new Capture();
            _capture = capture;
            try
            {
                onError(error);
            }
            catch (Exception ex) when (!SecuApiException.IsFatal(ex))
            {
                // A cmdlet's error callback that throws only loses the description, never the record.
            }
            finally
            {
                _capture = null;
            }
            return capture.Target;
        }

        private static string RowText(object target, string key)
        {
            if (target is string s) return s;
            if (key != null) return key;
            if (target is PSObject pso) return pso.ToString();
            return target == null ? "(no input)" : LanguagePrimitives.ConvertTo<string>(target);
        }

        /// <summary>"created", "updated" or "removed", for warnings and the summary.</summary>
        private string Past
        {
            get
            {
                string verb = (MyInvocation.MyCommand as CmdletInfo)?.Verb;
                if (string.Equals(verb, VerbsCommon.New, StringComparison.OrdinalIgnoreCase)) return "created";
                if (string.Equals(verb, VerbsCommon.Remove, StringComparison.OrdinalIgnoreCase)) return "removed";
                return "updated";
            }
        }

        private void Count(SecuApiException ex)
        {
            if (ex.Kind == SecuErrorKind.OutcomeUnknown) _unknown++;
            else if (ex.Kind == SecuErrorKind.NotAttempted) _notAttempted++;
            else _failed++;
        }

        /// <summary>A run whose records keep failing because the API is unavailable stops sending (then ends with one error).</summary>
        private void TrackAvailability(SecuApiException ex)
        {
            // Failures that leave nothing done on the server; an OutcomeUnknown create may have been processed, so it
            // does not count (a create that times out never reaches this rule: see docs/reliability.md, Limits).
            bool unavailable = ex.Kind == SecuErrorKind.Unavailable || ex.Kind == SecuErrorKind.Timeout
                               || ex.Kind == SecuErrorKind.RateLimited;
            if (!unavailable)
            {
                _unavailableStreak = 0;
                return;
            }
            if (++_unavailableStreak < UnavailableStreakLimit || _abandonedBecause != null) return;
            _abandonedBecause = ex;
            WriteVerbose($"{UnavailableStreakLimit} records in a row failed because the API is unavailable: no further record is sent; " +
                         "the records in flight finish, each of the rest gets a NotAttempted error.");
        }

        /// <summary>
        /// Reports a record the abandoned run did not send as its own non-terminating error, in input order, so
        /// -ErrorVariable holds every row and -ErrorAction decides how it shows.
        /// </summary>
        private void WriteNotAttempted(object target)
        {
            var record = NotAttemptedError(target);
            if (!_completing && _pending.Count > 0)
            {
                _pending.Enqueue(new Pending
                {
                    Log = new ApiLogQueue(),
                    Task = Task.CompletedTask,
                    Complete = () => { _notAttempted++; base.WriteError(record); },
                    Report = () => { _notAttempted++; return $"{MyInvocation.MyCommand.Name} ended before sending this record: {RowText(target, null)}."; },
                });
                _received++;
                return;
            }
            _notAttempted++;
            base.WriteError(record);
        }

        /// <summary>Why the run stopped sending, for each record's error and the summary.</summary>
        private string AbandonedReason =>
            $"{UnavailableStreakLimit} records in a row failed because the API is unavailable " +
            $"(last: {_abandonedBecause.ErrorId}: {_abandonedBecause.Message.TrimEnd('.')})";

        private ErrorRecord NotAttemptedError(object target)
        {
            var last = _abandonedBecause;
            string message = $"Not sent: {MyInvocation.MyCommand.Name} stopped sending after {AbandonedReason}. " +
                             "Nothing was done for this record; send it again when the API answers.";
            var ex = new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted, message, last)
            {
                StatusCode = last.StatusCode, SupportId = last.SupportId,
            };
            return new ErrorRecord(ex, ErrorIds.NotAttempted, ErrorCategory.ResourceUnavailable, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Check that the API answers (Get-SecuCustomer -First 1), then pipe the TargetObject of the NotAttempted errors to the command again.",
                },
            };
        }

        private static SecuApiException NotAttempted() =>
            new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted,
                "The record was not sent: the run stopped sending because the API was unavailable.");

        private void CompleteProgress()
        {
            if (!_progressShown) return;
            _progressShown = false;
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{_finished} of {_received} done")
                { RecordType = ProgressRecordType.Completed });
        }

        private void WriteSummary()
        {
            if (_summaryWritten) return;
            _summaryWritten = true;
            if (_done + _failed + _unknown + _notAttempted == 0) return;
            var summary = new BulkSummary(MyInvocation.MyCommand.Name, Past, _done, _failed, _unknown, _notAttempted,
                _abandonedBecause == null ? null : "stopped sending after " + AbandonedReason);
            WriteInformation(summary, new[] { SummaryTag });
        }

        private static void Quietly(Action write)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // The pipeline is ending: a stream that refuses (-WarningAction Stop, a closed redirection) must not hide the rest.
            }
        }

        private void ReportProgress()
        {
            if (_received < 2) return;
            long now = _progressClock.ElapsedMilliseconds;
            if (_lastProgressMs >= 0 && now - _lastProgressMs < 250) return;
            _lastProgressMs = now;
            _progressShown = true;
            // A new record each time: hosts may keep the ones already written.
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{_finished} of {_received} done, {_pending.Count} in progress"));
        }

        private static Task<T> FromException<T>(Exception ex)
        {
            var tcs = new TaskCompletionSource<T>();
            tcs.SetException(ex);
            return tcs.Task;
        }

    }
}
