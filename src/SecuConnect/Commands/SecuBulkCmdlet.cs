using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Api;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of the cmdlets that change customers one pipeline record at a time (New, Set, Remove): adds
    /// -ThrottleLimit and sends up to that many records' requests at once. Binding, validation and ShouldProcess
    /// run on the pipeline thread before a record's call starts; each call logs into its own ApiLog, and results,
    /// errors and log lines are written on the pipeline thread in input order.
    /// </summary>
    public abstract class SecuBulkCmdlet : SecuConnectedCmdlet
    {
        private readonly Queue<Pending> _pending = new Queue<Pending>();
        private CancellationTokenSource _batchStop;
        private bool _progressShown;
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private long _lastProgressMs = -1;
        private int _received;
        private int _finished;

        /// <summary>How many records' requests may be in flight at once; 1 sends them strictly one after another.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The activity shown by Write-Progress for bulk input, e.g. "Creating customers".</summary>
        protected abstract string ProgressActivity { get; }

        private CancellationToken BatchToken =>
            (_batchStop ?? (_batchStop = CancellationTokenSource.CreateLinkedTokenSource(StopToken))).Token;

        private const int ProgressId = 2;

        private sealed class Pending
        {
            public string Key;
            public ApiLog Log;
            public Task Task;
            public Action Complete;
        }

        /// <summary>
        /// Starts one record's Api call. Waits first for an earlier record with the same key (customer id), so two
        /// changes to one customer never race, and for the oldest record when ThrottleLimit calls are in flight.
        /// <paramref name="onSuccess"/> and <paramref name="onError"/> run later on the pipeline thread, in input order.
        /// </summary>
        protected void Submit<T>(string key, Func<SecuClient, CancellationToken, Task<T>> call, Action<T> onSuccess, Action<SecuApiException> onError)
        {
            Guard(() =>
            {
                if (key != null)
                {
                    while (_pending.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase))) CompleteOldest();
                }
                while (_pending.Count >= ThrottleLimit) CompleteOldest();

                var log = new ApiLog { DebugEnabled = Log.DebugEnabled };
                var client = new SecuClient(Client.Connection, log);
                Task<T> task;
                try
                {
                    task = call(client, BatchToken);
                }
                catch (Exception ex)
                {
                    task = FromException<T>(ex);
                }
                _pending.Enqueue(new Pending
                {
                    Key = key,
                    Log = log,
                    Task = task,
                    Complete = () =>
                    {
                        T result;
                        try
                        {
                            result = task.GetAwaiter().GetResult();
                        }
                        catch (SecuApiException ex)
                        {
                            onError(ex);
                            return;
                        }
                        onSuccess(result);
                    },
                });
                _received++;

                // Write what is already done, then keep at most ThrottleLimit - 1 in flight while the next record binds.
                while (_pending.Count > 0 && _pending.Peek().Task.IsCompleted) CompleteOldest();
                while (_pending.Count >= ThrottleLimit) CompleteOldest();
                ReportProgress();
            });
        }

        /// <summary>Completes every record still in flight, in input order (before a record that must run alone, and at the end).</summary>
        protected void CompleteAll() => Guard(() =>
        {
            while (_pending.Count > 0) CompleteOldest();
        });

        protected override void EndProcessing()
        {
            CompleteAll();
            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, $"{_finished} of {_received} done")
                    { RecordType = ProgressRecordType.Completed });
            }
            base.EndProcessing();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _batchStop != null)
            {
                CancelPending();
                _batchStop.Dispose();
            }
            base.Dispose(disposing);
        }

        private void CompleteOldest()
        {
            var item = _pending.Peek();
            try
            {
                // Blocks on the pipeline thread; Ctrl+C cancels every call in flight, so the wait ends at once.
                Task.WaitAny(new[] { item.Task }, StopToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                Drain(item.Log);
            }
            _pending.Dequeue();
            _finished++;
            try
            {
                item.Complete();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            ReportProgress();
        }

        /// <summary>Any exception leaving the batch (stop, terminating error, downstream Select -First) cancels the rest.</summary>
        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch
            {
                CancelPending();
                throw;
            }
        }

        private void CancelPending()
        {
            if (_batchStop == null || _pending.Count == 0) return;
            try { _batchStop.Cancel(); } catch (ObjectDisposedException) { }
            // The calls observe the token promptly; wait briefly so no request outlives the command.
            try { Task.WaitAll(_pending.Select(p => p.Task).ToArray(), 500); } catch (AggregateException) { }
            _pending.Clear();
        }

        private void Drain(ApiLog log)
        {
            while (log.TryDequeue(out var entry))
            {
                switch (entry.Level)
                {
                    case ApiLogLevel.Warning: WriteWarning(entry.Message); break;
                    case ApiLogLevel.Debug: WriteDebug(entry.Message); break;
                    default: WriteVerbose(entry.Message); break;
                }
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

        /// <summary>True when ShouldProcess at this impact may show something (-WhatIf, or a prompt), so records run one at a time.</summary>
        protected bool ConfirmationMayShow(ConfirmImpact impact)
        {
            if (WhatIfInEffect) return true;
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var c)) return c is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(c);
            return LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact pref)
                && pref != ConfirmImpact.None && impact >= pref;
        }

        protected bool WhatIfInEffect
        {
            get
            {
                if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)) return w is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(w);
                return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            }
        }
    }
}
