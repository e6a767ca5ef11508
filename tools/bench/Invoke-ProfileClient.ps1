<#
.SYNOPSIS
    The client process of tools/Measure-BulkProfile.ps1, run under `perf record`.
.DESCRIPTION
    Imports the module, connects to the sandbox (client id and secret from SECUCONNECT_BENCH_CLIENT_ID and
    SECUCONNECT_BENCH_CLIENT_SECRET, never on a command line), creates the warm-up rows, then pipes each CSV of
    -Windows into New-SecuCustomer in turn, with a CSV of -Fill between the first window and the second. Around each
    window it prints one mark line, read by the parent to cut the perf samples:
        PROFILE-MARK <name> <pid> <CLOCK_MONOTONIC ns> <process CPU ns> <bytes allocated> <perf map lines>
    Stopwatch.GetTimestamp() is CLOCK_MONOTONIC on Linux, the clock `perf record -k CLOCK_MONOTONIC` stamps samples
    with. The perf map's line count tells how many methods (and stubs) the runtime compiled between two marks.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $WarmupCsv,
    [Parameter(Mandatory)] [string] $FirstCsv,
    [Parameter(Mandatory)] [string] $FillCsv,
    [Parameter(Mandatory)] [string] $SettledCsv,
    # 0 leaves the module's default.
    [int] $ThrottleLimit = 0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$perfMap = "/tmp/perf-$PID.map"
function Get-PerfMapLines {
    if (-not (Test-Path -LiteralPath $perfMap)) { return 0 }
    $n = 0
    foreach ($null in [System.IO.File]::ReadLines($perfMap)) { $n++ }
    $n
}

function Write-Mark([string] $Name, [long] $MapLines) {
    $ticks = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $cpu = [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.Ticks * 100
    $ns = [long]([double]$ticks * 1e9 / [System.Diagnostics.Stopwatch]::Frequency)
    [Console]::Out.WriteLine("PROFILE-MARK $Name $PID $ns $cpu $([GC]::GetTotalAllocatedBytes($false)) $MapLines")
}

Import-Module $Module
$secret = ConvertTo-SecureString $env:SECUCONNECT_BENCH_CLIENT_SECRET -AsPlainText -Force
Connect-SecuConnect -BaseUri $BaseUri -Credential ([pscredential]::new($env:SECUCONNECT_BENCH_CLIENT_ID, $secret))

# As a script with the default preference runs it: under Stop, bulk commands send one record at a time
# (docs/reliability.md). The parent checks the store's count afterwards.
$p = @{ ErrorAction = 'Continue' }
if ($ThrottleLimit -gt 0) { $p.ThrottleLimit = $ThrottleLimit }

$null = Import-Csv -LiteralPath $WarmupCsv | New-SecuCustomer @p
foreach ($window in @(@{ Name = 'first'; Csv = $FirstCsv }, @{ Name = 'settled'; Csv = $SettledCsv })) {
    if ($window.Name -eq 'settled') { $null = Import-Csv -LiteralPath $FillCsv | New-SecuCustomer @p }
    # The map is counted outside the marks, so reading it is no part of the window.
    Write-Mark "$($window.Name)-start" (Get-PerfMapLines)
    $null = Import-Csv -LiteralPath $window.Csv | New-SecuCustomer @p
    Write-Mark "$($window.Name)-end" -1
    [Console]::Out.WriteLine("PROFILE-MAP $($window.Name)-end $(Get-PerfMapLines)")
}
