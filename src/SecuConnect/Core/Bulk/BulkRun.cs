using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SecuConnect.Core
{
    /// <summary>What a bulk run says about itself in warnings and the summary.</summary>
    internal sealed class BulkRunSettings
    {
        /// <summary>The command's name, e.g. "New-SecuCustomer".</summary>
        public string Command { get; set; } = string.Empty;

        /// <summary>What a record that succeeded was: "created", "updated" or "removed".</summary>
        public string Past { get; set; } = string.Empty;

        /// <summary>What a record is, e.g. "customer".</summary>
        public string Noun { get; set; } = string.Empty;

        /// <summary>The command a user reads a record back with, e.g. "Get-SecuCustomer".</summary>
        public string ReadCommand { get; set; } = string.Empty;

        /// <summary>How many records' calls may be in flight at once (1: one after another).</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Whether each call's log builds Debug lines.</summary>
        public bool DebugEnabled { get; set; }

        /// <summary>Whether each call's log keeps Verbose lines.</summary>
        public bool VerboseEnabled { get; set; } = true;

        /// <summary>How long an early end waits for the calls in flight before cancelling them.</summary>
        public TimeSpan InFlightGrace { get; set; } = BulkRun.DefaultInFlightGrace;

        /// <summary>How long cancelled calls get to observe the cancellation.</summary>
        public TimeSpan CancelGrace { get; set; } = TimeSpan.FromMilliseconds(500);
    }

    /// <summary>
    /// One bulk New, Set or Remove run: the records in flight in input order, -ThrottleLimit, one call per key at a
    /// time, the dead-API rule, the early end and the counts of the summary (docs/reliability.md, "Bulk runs").
    /// Runs on the pipeline thread; only <see cref="StopSending"/> may be called from another. Knows no PowerShell
    /// and no resource: it writes through <see cref="IBulkRunOutput"/> and describes results with the caller's describer.
    /// </summary>
    internal sealed class BulkRun : IDisposable
    {
        public static readonly TimeSpan DefaultInFlightGrace = TimeSpan.FromSeconds(3);

        /// <summary>Records in a row that failed because the API was unavailable before the run stops sending.</summary>
        public const int UnavailableStreakLimit = 5;

        private readonly IBulkRunOutput _output;
        private readonly BulkRunSettings _settings;
        // Records received and not yet written, in input order: calls in flight, and rejected or refused records behind them.
        private readonly Queue<Entry> _inFlight = new Queue<Entry>();
        // Once cancelled, no call starts a new request, retry or follow-up request; those already sent may finish.
        private readonly CancellationTokenSource _stopSending = new CancellationTokenSource();
        // Cancels the calls in flight, only once an early end's grace is over.
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();

        private int _received, _finished;
        private int _done, _failed, _unknown, _notAttempted;
        private int _unavailableStreak;
        // True while the oldest record's outcome is written: what it reports goes out at once, being in order already.
        private bool _writingOutcome;
        // True once every record is accounted for, by a normal finish or an early end: nothing is reported twice.
        private bool _accountedFor;

        public BulkRun(IBulkRunOutput output, BulkRunSettings settings)
        {
            _output = output;
            _settings = settings;
        }

        /// <summary>The last of the records in a row that failed because the API is unavailable; null while the run sends.</summary>
        public SecuApiException? AbandonedBecause { get; private set; }

        /// <summary>True once the dead-API rule stopped sending: the remaining records are reported NotAttempted.</summary>
        public bool Abandoned => AbandonedBecause != null;

        /// <summary>Records received and not yet written.</summary>
        public int InFlight => _inFlight.Count;

        public BulkSummary Summary => new BulkSummary(_settings.Command, _settings.Past, _done, _failed, _unknown, _notAttempted,
            Abandoned ? "stopped sending after " + AbandonedReason : null);

        /// <summary>
        /// Starts one record's call. Waits first for an earlier record with the same <paramref name="key"/> (a customer
        /// id; null for none), so two changes to one record never race; then writes what has finished and keeps at most
        /// ThrottleLimit - 1 calls in flight. <paramref name="onSuccess"/> runs later on the pipeline thread, in input
        /// order; a failure is written with <paramref name="target"/> (the input record) as its target;
        /// <paramref name="describe"/> names a result (and its key) in a warning when the run ends before writing it.
        /// </summary>
        public void Submit<T>(string? key, object? target, Func<ApiLogQueue, CallControl, CancellationToken, Task<T>> call,
            Action<T> onSuccess, Func<T, string?, string> describe)
        {
            try
            {
                if (!Abandoned && key != null)
                {
                    while (HasInFlight(key)) CompleteOldest();
                }
                if (Abandoned)
                {
                    ReportNotSent(target ?? key);
                    return;
                }
                var entry = new CallEntry<T>(key, target, onSuccess, describe)
                {
                    Log = new ApiLogQueue { DebugEnabled = _settings.DebugEnabled, VerboseEnabled = _settings.VerboseEnabled },
                    Control = new CallControl(_stopSending.Token),
                };
                entry.Task = entry.Result = Start(call, entry.Log, entry.Control);
                Enqueue(entry);
                // The previous record left at most ThrottleLimit - 1 calls in flight: write what is done, then make room for the next.
                while (_inFlight.Count > 0 && _inFlight.Peek().Task.IsCompleted) CompleteOldest();
                while (_inFlight.Count >= _settings.ThrottleLimit) CompleteOldest();
                ShowProgress();
            }
            catch
            {
                EndEarly();
                throw;
            }
        }

        /// <summary>
        /// A record rejected before sending (a bad id or date): counted as failed, and written by <paramref name="write"/>
        /// in its turn, after the records before it.
        /// </summary>
        public void Reject(Action write, string reason)
        {
            if (_writingOutcome || _inFlight.Count == 0)
            {
                _failed++;
                write();
                return;
            }
            Enqueue(new RejectedEntry(write, reason));
        }

        /// <summary>A record's failure that the command met on its own (not through <see cref="Submit{T}"/>): counted and written.</summary>
        public void ReportFailure(SecuApiException error, object? target)
        {
            if (Abandoned && error.Kind == SecuErrorKind.NotAttempted)
            {
                ReportNotSent(target);
                return;
            }
            Count(error);
            _output.WriteFailure(error, target);
        }

        /// <summary>Writes every record in flight, in input order (before a record that must run alone, and at the end).</summary>
        public void CompleteAll()
        {
            try
            {
                while (_inFlight.Count > 0) CompleteOldest();
            }
            catch
            {
                EndEarly();
                throw;
            }
        }

        /// <summary>The input ended: writes the records in flight, then the summary (once: nothing after an early end).</summary>
        public void Finish()
        {
            if (_accountedFor) return;
            CompleteAll();
            _accountedFor = true;
            CompleteProgress();
            WriteSummary();
        }

        /// <summary>From now on no call starts a new request. Safe from any thread (Ctrl+C).</summary>
        public void StopSending()
        {
            try { _stopSending.Cancel(); } catch (ObjectDisposedException) { }
        }

        /// <summary>
        /// The run ends before its input does (a stop, a terminating error, a downstream Select-Object -First): sends
        /// nothing new, waits up to the grace for the calls in flight, cancels what is left, and reports each record in
        /// flight as a warning with its outcome counted. Then the summary. Does nothing once the run is accounted for; never throws.
        /// </summary>
        public void EndEarly()
        {
            if (_accountedFor) return;
            _accountedFor = true;
            StopSending();
            var entries = _inFlight.ToArray();
            _inFlight.Clear();
            if (entries.Length > 0)
            {
                WaitOrAbort(entries);
                foreach (var entry in entries)
                {
                    Quietly(() => _output.WriteLog(entry.Log));
                    string text;
                    try { text = entry.DescribeEnded(this); }
                    catch (Exception ex) when (!SecuApiException.IsFatal(ex)) { text = "A record's outcome could not be described: " + ex.Message; }
                    _output.WarnAfterEnd(text);
                }
            }
            Quietly(CompleteProgress);
            Quietly(WriteSummary);
        }

        /// <summary>The error of a call the abandoned run refused to send (the command's own requests, such as a prompt's read).</summary>
        public static SecuApiException NotSentError() =>
            new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted,
                "The record was not sent: the run stopped sending because the API was unavailable.");

        public void Dispose()
        {
            _abort.Dispose();
            _stopSending.Dispose();
        }

        private Task<T> Start<T>(Func<ApiLogQueue, CallControl, CancellationToken, Task<T>> call, ApiLogQueue log, CallControl control)
        {
            try
            {
                return call(log, control, _abort.Token);
            }
            catch (Exception ex) when (!SecuApiException.IsFatal(ex))
            {
                var failed = new TaskCompletionSource<T>();
                failed.SetException(ex);
                return failed.Task;
            }
        }

        private bool HasInFlight(string key)
        {
            foreach (var entry in _inFlight)
            {
                if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private void Enqueue(Entry entry)
        {
            _inFlight.Enqueue(entry);
            _received++;
        }

        private void CompleteOldest()
        {
            var entry = _inFlight.Peek();
            try
            {
                _output.WaitFor(entry.Task);
            }
            finally
            {
                _output.WriteLog(entry.Log);
            }
            _inFlight.Dequeue();
            _finished++;
            _writingOutcome = true;
            try
            {
                entry.WriteOutcome(this);
            }
            finally
            {
                _writingOutcome = false;
            }
            ShowProgress();
        }

        private void Succeeded()
        {
            _done++;
            _unavailableStreak = 0;
        }

        private void Failed(SecuApiException error, object? target)
        {
            TrackAvailability(error);
            ReportFailure(error, target);
        }

        private void Count(SecuApiException error)
        {
            if (error.Kind == SecuErrorKind.OutcomeUnknown) _unknown++;
            else if (error.Kind == SecuErrorKind.NotAttempted) _notAttempted++;
            else _failed++;
        }

        /// <summary>A run whose records keep failing because the API is unavailable stops sending.</summary>
        private void TrackAvailability(SecuApiException error)
        {
            // Failures that leave nothing done on the server; an OutcomeUnknown create may have been processed, so it
            // does not count (a create that times out never reaches this rule: see docs/reliability.md, Limits).
            bool unavailable = error.Kind == SecuErrorKind.Unavailable || error.Kind == SecuErrorKind.Timeout
                               || error.Kind == SecuErrorKind.RateLimited;
            if (!unavailable)
            {
                _unavailableStreak = 0;
                return;
            }
            if (++_unavailableStreak < UnavailableStreakLimit || Abandoned) return;
            AbandonedBecause = error;
            _output.WriteVerbose($"{UnavailableStreakLimit} records in a row failed because the API is unavailable: no further record is sent; " +
                                 "the records in flight finish, each of the rest gets a NotAttempted error.");
        }

        /// <summary>A record the abandoned run does not send gets its own NotAttempted error, in input order.</summary>
        private void ReportNotSent(object? target)
        {
            if (_writingOutcome || _inFlight.Count == 0)
            {
                _notAttempted++;
                _output.WriteNotAttempted(NotAttemptedError(), target);
                return;
            }
            Enqueue(new NotSentEntry(target));
        }

        /// <summary>Why the run stopped sending, for each record's error and the summary.</summary>
        private string AbandonedReason =>
            $"{UnavailableStreakLimit} records in a row failed because the API is unavailable " +
            $"(last: {AbandonedBecause!.ErrorId}: {AbandonedBecause.Message.TrimEnd('.')})"; // read only once abandoned

        private SecuApiException NotAttemptedError()
        {
            var last = AbandonedBecause!; // only a run that stopped sending reports a record not sent
            string message = $"Not sent: {_settings.Command} stopped sending after {AbandonedReason}. " +
                             "Nothing was done for this record; send it again when the API answers.";
            return new SecuApiException(SecuErrorKind.NotAttempted, ErrorIds.NotAttempted, message, last)
            {
                StatusCode = last.StatusCode, SupportId = last.SupportId,
            };
        }

        private void WaitOrAbort(Entry[] entries)
        {
            var tasks = new Task[entries.Length];
            for (int i = 0; i < entries.Length; i++) tasks[i] = entries[i].Task;
            try
            {
                if (!Task.WaitAll(tasks, _settings.InFlightGrace))
                {
                    _abort.Cancel();
                    Task.WaitAll(tasks, _settings.CancelGrace);
                }
            }
            catch (AggregateException) { }
            catch (ObjectDisposedException) { }
        }

        private void WriteSummary()
        {
            if (_done + _failed + _unknown + _notAttempted == 0) return;
            _output.WriteSummary(Summary);
        }

        private void CompleteProgress() => _output.CompleteProgress(_finished, _received);

        private void ShowProgress() => _output.ShowProgress(_finished, _received, _inFlight.Count);

        private string RowText(object? target, string? key) =>
            target is string text ? text : key ?? _output.RowText(target);

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

        /// <summary>A record in the queue: written in its turn, or described in a warning when the run ends first.</summary>
        private abstract class Entry
        {
            public string? Key;
            public ApiLogQueue? Log;
            public Task Task = Task.CompletedTask;

            /// <summary>Counts and writes the outcome while the pipeline runs.</summary>
            public abstract void WriteOutcome(BulkRun run);

            /// <summary>Counts the outcome after an early end and describes it for a warning.</summary>
            public abstract string DescribeEnded(BulkRun run);
        }

        private sealed class CallEntry<T> : Entry
        {
            private readonly object? _target;
            private readonly Action<T> _onSuccess;
            private readonly Func<T, string?, string> _describe;
            // Both set by Submit as it starts the call, before the entry is queued.
            public Task<T> Result = null!;
            public CallControl Control = null!;

            public CallEntry(string? key, object? target, Action<T> onSuccess, Func<T, string?, string> describe)
            {
                Key = key;
                _target = target;
                _onSuccess = onSuccess;
                _describe = describe;
            }

            public override void WriteOutcome(BulkRun run)
            {
                T result;
                try
                {
                    result = Result.GetAwaiter().GetResult();
                }
                catch (Exception ex) when (!SecuApiException.IsFatal(ex))
                {
                    run.Failed(SecuApiException.Unexpected(ex), _target);
                    return;
                }
                run.Succeeded();
                _onSuccess(result);
            }

            public override string DescribeEnded(BulkRun run)
            {
                var settings = run._settings;
                string command = settings.Command;
                if (Result.Status == TaskStatus.RanToCompletion)
                {
                    run._done++;
                    return $"{command} ended before writing this result: {settings.Past} {_describe(Result.Result, Key)}.";
                }
                string row = run.RowText(_target, Key);
                if (Result.IsFaulted)
                {
                    var error = SecuApiException.Unexpected(Result.Exception.InnerExceptions.Count == 1 ? Result.Exception.InnerException : Result.Exception);
                    switch (error.Kind)
                    {
                        case SecuErrorKind.NotAttempted:
                            run._notAttempted++;
                            return $"{command} ended before sending this record: {row}.";
                        case SecuErrorKind.OutcomeUnknown:
                            run._unknown++;
                            return $"{command} ended with this record's outcome unknown (OutcomeUnknown): {row}. {error.Message}";
                        default:
                            run._failed++;
                            return $"{command} ended before writing this record's error ({error.ErrorId}): {row}. {error.Message}";
                    }
                }
                // Cancelled, or still running after the grace.
                if (!Control.ChangeSent)
                {
                    run._notAttempted++;
                    return $"{command} ended before sending this record: {row}.";
                }
                run._unknown++;
                return $"{command} ended with this record's outcome unknown (OutcomeUnknown): {row}. No answer came within " +
                       $"{settings.InFlightGrace.TotalSeconds:0} s of the end, so the request was abandoned: the {settings.Noun} may or may not have been " +
                       $"{settings.Past}; check with {settings.ReadCommand}.";
            }
        }

        /// <summary>A record rejected before sending, waiting for the records before it.</summary>
        private sealed class RejectedEntry : Entry
        {
            private readonly Action _write;
            private readonly string _reason;

            public RejectedEntry(Action write, string reason)
            {
                _write = write;
                _reason = reason;
                Task = Task.CompletedTask;
            }

            public override void WriteOutcome(BulkRun run)
            {
                run._failed++;
                _write();
            }

            public override string DescribeEnded(BulkRun run)
            {
                run._failed++;
                return $"{run._settings.Command}: a record was not sent: {_reason}";
            }
        }

        /// <summary>A record the abandoned run does not send, waiting for the records before it.</summary>
        private sealed class NotSentEntry : Entry
        {
            private readonly object? _target;

            public NotSentEntry(object? target)
            {
                _target = target;
                Task = Task.CompletedTask;
            }

            public override void WriteOutcome(BulkRun run)
            {
                run._notAttempted++;
                run._output.WriteNotAttempted(run.NotAttemptedError(), _target);
            }

            public override string DescribeEnded(BulkRun run)
            {
                run._notAttempted++;
                return $"{run._settings.Command} ended before sending this record: {run.RowText(_target, null)}.";
            }
        }
    }
}
