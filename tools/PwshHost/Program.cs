// The console host of PowerShell 7.6.9, started the way pwsh starts it: every argument (-NoProfile, -File, -Command,
// ...) is parsed by PowerShell itself. Published with ReadyToRun code by build.ps1 bench.
namespace SecuConnect.PwshHost;

internal static class Program
{
    private static int Main(string[] args) => Microsoft.PowerShell.ConsoleShell.Start(null, string.Empty, args);
}
