using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SecuConnectTests
{
    /// <summary>
    /// A host for a test runspace that answers confirmation prompts itself and records each one with the thread it
    /// came on: "No" when the prompt names one of <see cref="RecordingUI.Decline"/>, "Yes" otherwise.
    /// </summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingUI _ui = new RecordingUI();
        private readonly Guid _id = Guid.NewGuid();

        public RecordingUI Recorder => _ui;
        public override string Name => "SecuConnectRecordingHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class RecordingUI : PSHostUserInterface
    {
        private readonly object _gate = new object();

        public List<string> Prompts { get; } = new List<string>();
        public List<int> Threads { get; } = new List<int>();
        public List<string> Decline { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();

        /// <summary>What the host was given to show as text (What if: lines among them), one entry per line written.</summary>
        public List<string> Lines { get; } = new List<string>();

        private readonly System.Text.StringBuilder _partial = new System.Text.StringBuilder();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (_gate)
            {
                Prompts.Add(message);
                Threads.Add(Environment.CurrentManagedThreadId);
            }
            bool no = Decline.Exists(d => message.IndexOf(d, StringComparison.Ordinal) >= 0);
            for (int i = 0; i < choices.Count; i++)
            {
                if (choices[i].Label.Replace("&", string.Empty) == (no ? "No" : "Yes")) return i;
            }
            throw new InvalidOperationException("The prompt offered no " + (no ? "No" : "Yes") + " choice.");
        }

        public override PSHostRawUserInterface RawUI => null;
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override void Write(string value) { lock (_gate) _partial.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value)
        {
            lock (_gate)
            {
                Lines.Add(_partial.Append(value).ToString());
                _partial.Clear();
            }
        }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { lock (Warnings) Warnings.Add(message); }
    }
}
