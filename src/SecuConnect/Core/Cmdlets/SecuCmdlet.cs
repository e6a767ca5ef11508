using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of every cmdlet: cancellation on Ctrl+C, the blocking bridge to the async Api, and the log drain that
    /// writes the Api's queued lines on the pipeline thread (the only thread where Write* may run).
    /// </summary>
    public abstract class SecuCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private ApiLogQueue? _log;

        private protected CancellationToken StopToken => _stop.Token;

        private protected ApiLogQueue Log => _log ?? (_log = new ApiLogQueue { DebugEnabled = IsDebugEnabled(), VerboseEnabled = IsVerboseEnabled() });

        /// <summary>This run's record of the unexpected answer shapes already warned about: one warning per shape per run.</summary>
        private protected ShapeWarnings Shapes { get; } = new ShapeWarnings();

        private protected T CallApi<T>(Func<CancellationToken, Task<T>> call)
        {
            try
            {
                return call(_stop.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (!(ex is SecuApiException) && !(ex is PipelineStoppedException) && !SecuApiException.IsFatal(ex))
            {
                // Cmdlets report SecuApiException per item; anything else would end the whole pipeline.
                throw SecuApiException.Unexpected(ex);
            }
            finally
            {
                DrainLog();
            }
        }

        private protected void DrainLog() => DrainLog(_log);

        /// <summary>Writes what the Api queued on the pipeline thread: Verbose, Debug and warning lines, in order.</summary>
        private protected void DrainLog(ApiLogQueue? log)
        {
            if (log == null) return;
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

        protected override void StopProcessing() => _stop.Cancel();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _stop.Dispose();
        }

        /// <summary>What this command's records are ("customer"), for the advice in its errors; null for a command of no one resource.</summary>
        private protected virtual string? RecordNoun => null;

        /// <summary>The command that reads this command's records ("Get-SecuCustomer"), for the advice in its errors; null for a command of no one resource.</summary>
        private protected virtual string? ReadCommand => null;

        /// <summary>Reports an Api failure: session failures stop the pipeline, item failures are non-terminating.</summary>
        private protected void WriteApiError(SecuApiException ex, object? target)
        {
            var record = Errors.FromApi(ex, target, RecordNoun, ReadCommand);
            if (ex.IsSessionFailure) ThrowTerminatingError(record);
            WriteError(record);
        }

        private protected bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        private bool IsDebugEnabled() => Shows("Debug", "DebugPreference");

        private bool IsVerboseEnabled() => Shows("Verbose", "VerbosePreference");

        /// <summary>Whether a stream's lines show: its switch (-Verbose, -Debug) if given, else the caller's preference.</summary>
        private bool Shows(string parameter, string variable)
        {
            if (IsBound(parameter)) return SwitchIsOn(parameter);
            var preference = PreferenceOf(parameter, variable, ActionPreference.SilentlyContinue);
            return preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        /// <summary>True when a switch common parameter (-WhatIf, -Confirm, -Debug) was given and is on.</summary>
        private protected bool SwitchIsOn(string parameter) =>
            MyInvocation.BoundParameters.TryGetValue(parameter, out var value) &&
            (value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value));

        /// <summary>
        /// The action a common parameter gives (-ErrorAction, -WarningAction), else the caller's preference variable
        /// ($ErrorActionPreference, ...), else <paramref name="fallback"/>.
        /// </summary>
        private protected ActionPreference PreferenceOf(string parameter, string variable, ActionPreference fallback)
        {
            object value = MyInvocation.BoundParameters.TryGetValue(parameter, out var bound) ? bound : GetVariableValue(variable);
            return LanguagePrimitives.TryConvertTo(value, out ActionPreference preference) ? preference : fallback;
        }

        /// <summary>True when -WhatIf, or else $WhatIfPreference, is on. Read once per command: bulk input asks for every record.</summary>
        private protected bool WhatIfInEffect =>
            (_whatIf ?? (_whatIf = IsBound("WhatIf") ? SwitchIsOn("WhatIf") : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")))).Value;

        private bool? _whatIf;
        private ConfirmImpact? _confirmPreference;

        /// <summary>True when ShouldProcess at this impact may show something: -WhatIf, -Confirm, or $ConfirmPreference at or below it.</summary>
        private protected bool ConfirmationMayShow(ConfirmImpact impact)
        {
            if (WhatIfInEffect) return true;
            if (IsBound("Confirm")) return SwitchIsOn("Confirm");
            if (!_confirmPreference.HasValue)
                _confirmPreference = LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact preference) ? preference : ConfirmImpact.None;
            return _confirmPreference.Value != ConfirmImpact.None && impact >= _confirmPreference.Value;
        }
    }
}
