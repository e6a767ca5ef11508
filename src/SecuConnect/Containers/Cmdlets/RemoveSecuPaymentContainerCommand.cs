#nullable enable
using System.Management.Automation;
using SecuConnect.Containers;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes payment containers (bank accounts) by id.</para>
    /// Asks before each removal (ConfirmImpact High) unless -Force or -Confirm:$false. With -PassThru the container is
    /// read first and written as it was, so a backup can be kept (Export-Clixml).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SecuPaymentContainer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PaymentContainer))]
    public sealed class RemoveSecuPaymentContainerCommand : SecuBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerIdCompleter))]
        public string[] Id { get; set; } = null!;

        /// <summary>Writes each removed container as it was.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Removes without asking; -WhatIf and an explicit -Confirm still apply.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override string ProgressActivity => "Removing payment containers";

        private protected override string RecordNoun => "payment container";

        private protected override string ReadCommand => "Get-SecuPaymentContainer";

        protected override void ProcessRecord()
        {
            foreach (var given in Id)
            {
                string id = given.Trim();
                if (!ContainerIds.IsValid(id))
                {
                    ReportRejected(Errors.Argument(ErrorIds.InvalidContainerId,
                        $"Cannot remove '{id}': a payment container id is PCT_ followed by 30 characters A-Z or 0-9. No request was sent.", given));
                    continue;
                }
                bool skipsPrompt = Force && !WhatIfInEffect && !IsBound("Confirm");
                if (!skipsPrompt && !ShouldSend("Remove payment container", id, id)) continue;
                bool passThru = PassThru;
                Submit(id, given, async (call, ct) =>
                    {
                        var client = new ContainerClient(call);
                        // -PassThru writes the container as it was, also when the DELETE's answer is lost.
                        var before = passThru ? await client.GetAsync(id, ct).ConfigureAwait(false) : null;
                        return await client.DeleteAsync(id, before, ct).ConfigureAwait(false);
                    },
                    deleted =>
                    {
                        if (passThru && deleted != null) WriteObject(ContainerOutput.Create(deleted));
                    }, ContainerInput.Describe);
            }
        }
    }
}
