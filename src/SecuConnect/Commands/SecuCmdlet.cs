using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Api;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of every cmdlet: cancellation on Ctrl+C, the blocking bridge to the async Api, and the log drain that
    /// writes the Api's queued lines on the pipeline thread (the only thread where Write* may run).
    /// </summary>
    public abstract class SecuCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private ApiLog _log;

        protected CancellationToken StopToken => _stop.Token;

        protected ApiLog Log => _log ?? (_log = new ApiLog { DebugEnabled = IsDebugEnabled() });

        protected T Run<T>(Func<CancellationToken, Task<T>> call)
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

        protected void DrainLog()
        {
            if (_log == null) return;
            while (_log.TryDequeue(out var entry))
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

        /// <summary>Reports an Api failure: session failures stop the pipeline, item failures are non-terminating.</summary>
        protected void WriteApiError(SecuApiException ex, object target)
        {
            var record = Errors.FromApi(ex, target);
            if (ex.IsSessionFailure) ThrowTerminatingError(record);
            WriteError(record);
        }

        protected bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        private bool IsDebugEnabled()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
                return debug is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(debug);
            var preference = GetVariableValue("DebugPreference");
            if (preference == null) return false;
            if (LanguagePrimitives.TryConvertTo(preference, out ActionPreference ap))
                return ap != ActionPreference.SilentlyContinue && ap != ActionPreference.Ignore;
            return false;
        }
    }
}
