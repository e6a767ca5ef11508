<#
.SYNOPSIS
    Where a record's CPU goes in `Import-Csv customers.csv | New-SecuCustomer`: a CPU profile of the client process.
.DESCRIPTION
    Needs Linux and perf (`apt-get install linux-perf` on Debian, `linux-tools-$(uname -r)` on Ubuntu), run as root or
    with /proc/sys/kernel/perf_event_paranoid at 1 or below (at 2 perf samples user code only, so the kernel's
    loopback TCP drops out of the HTTP row). PowerShell 7.

    Starts the built sandbox on a free loopback port (tests/SecuConnect.TestHelpers.psm1), writes the customer CSVs
    (12 columns, tools/bench/CustomerCsv.psm1), and runs the client (tools/bench/Invoke-ProfileClient.ps1) in a child
    process of -PowerShellPath under `perf record -F <Frequency> -g -k CLOCK_MONOTONIC`, with the runtime's perf map
    (DOTNET_PerfMapEnabled=1) and DOTNET_EnableWriteXorExecute=0 so perf can read JIT-compiled code. The client
    imports the module, connects, creates 50 warm-up rows, then two windows of -Rows records each: the first records
    of the fresh process, and, after more rows that bring the process to -SettleRows records, the "settled" window.
    It prints CLOCK_MONOTONIC marks around each window; `perf script` cuts the samples of the client process to each
    window, and tools/bench/BulkProfile.psm1 puts each sample in the first category found walking its stack from the
    leaf up (the rows of docs/performance.md, "Profile of the bulk create").

    Prints, and writes to -OutPath as profile-<time>.md: the markdown table (shares of each window's samples), and per
    window the client's CPU per record (process CPU time between the marks), wall time, samples, the methods the
    runtime compiled (perf map lines) and memory allocated per record. The perf data stays in -OutPath.

    The machine's other work moves the shares (the JIT's tiering is timed by wall clock), so compare runs made under
    similar load, and read the CPU per record as the bench's rows are read.
.EXAMPLE
    dotnet pwsh ./build.ps1 build
    dotnet publish tools/PwshHost/PwshHost.csproj -c Release -o out/pwsh-r2r
    Copy-Item -Recurse (Join-Path (dotnet pwsh -NoProfile -c '$PSHOME') Modules) out/pwsh-r2r/Modules
    dotnet pwsh ./tools/Measure-BulkProfile.ps1

    The default profile on the ReadyToRun host (the host build.ps1 bench builds, as Build-PwshHost does).
.EXAMPLE
    dotnet pwsh ./tools/Measure-BulkProfile.ps1 -ThrottleLimit 1 -Rows 2000
#>
[CmdletBinding()]
param(
    # The bulk cmdlets' -ThrottleLimit; 0 leaves the module's default.
    [ValidateRange(0, 64)] [int] $ThrottleLimit = 0,
    # Records in each window.
    [ValidateRange(100, 1000000)] [int] $Rows = 5000,
    # Records the process has created (first window included) when the settled window starts.
    [ValidateRange(0, 10000000)] [int] $SettleRows = 20000,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SecuConnect/SecuConnect.psd1'),
    # The pwsh of the client process; the ReadyToRun host by default, as installed PowerShell is.
    [string] $PowerShellPath = (Join-Path $PSScriptRoot '../out/pwsh-r2r/pwsh'),
    [string] $SandboxDll = (Join-Path $PSScriptRoot '../out/SecuConnect.Sandbox/SecuConnect.Sandbox.dll'),
    # perf's sampling frequency, per second and CPU.
    [ValidateRange(1, 20000)] [int] $Frequency = 1999,
    [string] $OutPath = (Join-Path $PSScriptRoot '../out/profile')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = Split-Path $PSScriptRoot -Parent
$invariant = [System.Globalization.CultureInfo]::InvariantCulture

# What the profile needs, each with what to do about it.
if (-not $IsLinux) { throw 'Measure-BulkProfile needs Linux: it samples the client with perf.' }
$perf = Get-Command perf -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $perf) { throw 'perf was not found on PATH. Install it (Debian: apt-get install linux-perf; Ubuntu: linux-tools-$(uname -r)).' }
$null = & $perf.Source --version 2>&1
if ($LASTEXITCODE -ne 0) { throw "perf does not run ($($perf.Source) --version exited with $LASTEXITCODE): is it built for this kernel?" }
$paranoid = [int](Get-Content -LiteralPath /proc/sys/kernel/perf_event_paranoid -ErrorAction SilentlyContinue | Select-Object -First 1)
$isRoot = (& id -u) -eq '0'
if (-not $isRoot -and $paranoid -gt 2) {
    throw "perf_event_paranoid is ${paranoid}: perf may not sample other processes. Run as root or: sudo sysctl kernel.perf_event_paranoid=1"
}
if (-not $isRoot -and $paranoid -gt 1) {
    Write-Warning "perf_event_paranoid is ${paranoid}: perf samples user code only, so the kernel's loopback TCP is missing from the HTTP row (sudo sysctl kernel.perf_event_paranoid=1)."
}
foreach ($need in @(
        @{ Path = $ModulePath; Fix = 'Build the module: dotnet pwsh ./build.ps1 build' },
        @{ Path = $SandboxDll; Fix = 'Build the sandbox: dotnet pwsh ./build.ps1 build' },
        @{ Path = $PowerShellPath; Fix = "Publish the ReadyToRun host: dotnet publish tools/PwshHost/PwshHost.csproj -c Release -o out/pwsh-r2r, then copy `$PSHOME/Modules of 'dotnet pwsh' to out/pwsh-r2r/Modules (or give -PowerShellPath)" })) {
    if (-not (Test-Path -LiteralPath $need.Path -PathType Leaf)) { throw "$($need.Path) is missing. $($need.Fix)." }
}
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$PowerShellPath = (Resolve-Path -LiteralPath $PowerShellPath).ProviderPath
$SandboxDll = (Resolve-Path -LiteralPath $SandboxDll).ProviderPath
$fillRows = [Math]::Max(0, $SettleRows - $Rows)

Import-Module (Join-Path $root 'tests/SecuConnect.TestHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'bench/CustomerCsv.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'bench/BulkProfile.psm1') -Force

$null = New-Item -ItemType Directory -Force $OutPath
$OutPath = (Resolve-Path -LiteralPath $OutPath).ProviderPath
$stamp = [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', $invariant)
$work = Join-Path ([System.IO.Path]::GetTempPath()) "secuconnect-profile-$stamp"
$null = New-Item -ItemType Directory -Force $work
$csv = [ordered]@{
    WarmupCsv  = @{ Path = Join-Path $work 'warmup.csv'; Rows = 50; Offset = 900000 }
    FirstCsv   = @{ Path = Join-Path $work 'first.csv'; Rows = $Rows; Offset = 0 }
    FillCsv    = @{ Path = Join-Path $work 'fill.csv'; Rows = $fillRows; Offset = $Rows }
    SettledCsv = @{ Path = Join-Path $work 'settled.csv'; Rows = $Rows; Offset = $Rows + $fillRows }
}
foreach ($c in $csv.Values) { New-CustomerCsv $c.Path $c.Rows $c.Offset }
$data = Join-Path $OutPath "perf-$stamp.data"

# Runs perf with the arguments; returns stdout's lines, throws with stderr on failure. -Each takes stdout as a reader.
function Invoke-Perf([string[]] $Arguments, [scriptblock] $Each) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($perf.Source)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $proc = [System.Diagnostics.Process]::Start($psi)
    $stderr = $proc.StandardError.ReadToEndAsync()
    try {
        if ($Each) { & $Each $proc.StandardOutput }
        else {
            $lines = [System.Collections.Generic.List[string]]::new()
            while ($null -ne ($l = $proc.StandardOutput.ReadLine())) { $lines.Add($l) }
            $lines
        }
        $proc.WaitForExit()
        if ($proc.ExitCode -ne 0) { throw "perf $($Arguments[0]) exited with $($proc.ExitCode): $($stderr.Result)" }
    }
    finally { $proc.Dispose() }
}

$sb = $null
$clientPid = $null
$started = [DateTime]::UtcNow
try {
    $sb = Start-SecuSandbox -SandboxDll $SandboxDll
    $saved = @{}
    $vars = @{
        SECUCONNECT_BENCH_CLIENT_ID     = $sb.Credential.UserName
        SECUCONNECT_BENCH_CLIENT_SECRET = $sb.Credential.GetNetworkCredential().Password
        DOTNET_PerfMapEnabled           = '1'
        DOTNET_EnableWriteXorExecute    = '0'
    }
    foreach ($k in $vars.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $vars[$k]) }
    try {
        $client = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'bench/Invoke-ProfileClient.ps1'),
            '-Module', $ModulePath, '-BaseUri', $sb.BaseUri, '-ThrottleLimit', "$ThrottleLimit")
        foreach ($k in $csv.Keys) { $client += "-$k"; $client += $csv[$k].Path }
        Write-Host "perf record of $PowerShellPath (sandbox $($sb.BaseUri)); $(50 + $Rows + $fillRows + $Rows) records"
        $out = Invoke-Perf (@('record', '-F', "$Frequency", '-g', '-k', 'CLOCK_MONOTONIC', '-o', $data, '--', $PowerShellPath) + $client)
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
    $expected = 50 + $Rows + $fillRows + $Rows
    $stored = [long](Invoke-SandboxApi $sb GET '/Payment/Customers?count=0').count
    if ($stored -ne $expected) { Write-Warning "The sandbox holds $stored customers, expected ${expected}: some records failed, and their error path is in the profile." }

    $marks = @{}
    $mapEnd = @{}
    foreach ($line in $out) {
        $f = $line -split ' '
        if ($f[0] -eq 'PROFILE-MARK') {
            $clientPid = [int]$f[2]
            $marks[$f[1]] = [pscustomobject]@{ Ns = [long]$f[3]; CpuNs = [long]$f[4]; Allocated = [long]$f[5]; MapLines = [long]$f[6] }
        }
        elseif ($f[0] -eq 'PROFILE-MAP') { $mapEnd[$f[1]] = [long]$f[2] }
    }
    foreach ($m in 'first-start', 'first-end', 'settled-start', 'settled-end') {
        if (-not $marks.ContainsKey($m)) { throw "The client printed no $m mark. Its output:`n$($out -join "`n")" }
    }

    $who = if ($ThrottleLimit -gt 0) { "-ThrottleLimit $ThrottleLimit" } else { 'default' }
    $n = $Rows.ToString('N0', $invariant)
    $windows = foreach ($w in @(@{ Name = 'first'; Title = "$who, first $n" }, @{ Name = 'settled'; Title = "$who, settled" })) {
        $start = $marks["$($w.Name)-start"]
        $end = $marks["$($w.Name)-end"]
        $range = '{0},{1}' -f ($start.Ns / 1e9).ToString('F9', $invariant), ($end.Ns / 1e9).ToString('F9', $invariant)
        $counts = Invoke-Perf @('script', '-i', $data, '--ns', '--pid', "$clientPid", '--time', $range, '-F', 'comm,pid,tid,time,ip,sym,dso') -Each {
            param($reader) Measure-PerfScript $reader
        }
        [pscustomobject]@{
            Title             = $w.Title
            Counts            = $counts
            Range             = $range
            CpuPerRecordUs    = ($end.CpuNs - $start.CpuNs) / 1000.0 / $Rows
            WallSeconds       = ($end.Ns - $start.Ns) / 1e9
            Compiled          = $mapEnd["$($w.Name)-end"] - $start.MapLines
            AllocatedPerRecKB = ($end.Allocated - $start.Allocated) / 1024.0 / $Rows
        }
    }
}
finally {
    Stop-SecuSandbox $sb
    Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
    # The runtime's perf map names the JIT-compiled frames of the perf data: kept beside it (perf script reads it from
    # /tmp/perf-<pid>.map, so copy it back there to read the data again). The jitdump is for `perf inject`, unused here.
    if ($clientPid) {
        foreach ($map in "perf-$clientPid.map", "perfinfo-$clientPid.map") {
            if (Test-Path -LiteralPath "/tmp/$map") { Move-Item -Force -LiteralPath "/tmp/$map" -Destination (Join-Path $OutPath $map) }
        }
        Remove-Item -Force -ErrorAction SilentlyContinue -LiteralPath "/tmp/jit-$clientPid.dump"
    }
}

$hostVersion = & $PowerShellPath -NoProfile -NonInteractive -Command '"PowerShell $($PSVersionTable.PSVersion), $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)"'
$load = (Get-Content -LiteralPath /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3
$report = @(
    "Profile of ``Import-Csv customers.csv | New-SecuCustomer`` ($who -ThrottleLimit), $($started.ToString('yyyy-MM-dd HH:mm', $invariant)) UTC, $([Environment]::ProcessorCount) cores, load average at the end $($load -join ' ')"
    ''
    "Host: $PowerShellPath ($hostVersion); module: $ModulePath; perf record -F $Frequency -g; windows of $n records, the second after $($SettleRows.ToString('N0', $invariant)) records"
    ''
    Format-ProfileTable $windows
    ''
    '| Window | client CPU per record | wall time | samples | methods compiled (perf map lines) | allocated per record | perf script --pid --time |'
    '|---|---|---|---|---|---|---|'
    foreach ($w in $windows) {
        [string]::Format($invariant, '| {0} | {1:F0} µs | {2:F2} s | {3} | {4} | {5:F1} KB | {6} {7} |', $w.Title, $w.CpuPerRecordUs, $w.WallSeconds, $w.Counts.Total, $w.Compiled, $w.AllocatedPerRecKB, $clientPid, $w.Range)
    }
    ''
    "Run time $(([DateTime]::UtcNow - $started).ToString('mm\:ss', $invariant)); perf data: $data (its JIT frames are named by perf-$clientPid.map beside it: copy that to /tmp to read the data with perf script)"
)
$reportPath = Join-Path $OutPath "profile-$stamp.md"
[System.IO.File]::WriteAllLines($reportPath, [string[]]$report)
$report
