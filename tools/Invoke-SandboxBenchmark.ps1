<#
.SYNOPSIS
    Measures the sandbox's own capacity: GET by id and create, 8 connections, in-memory and SQLite stores.
.DESCRIPTION
    Builds tools/SecuConnect.LoadGen, starts the sandbox on a free loopback port (in memory, then with --data on a
    temporary SQLite file), runs each scenario after a short warm-up, prints a table and writes
    <OutPath>/sandbox.json. Targets (in-memory, 8 connections): 10,000 GET/s and 3,000 creates/s. A missed target
    is reported as a warning, not a failure: throughput depends on the machine.
.EXAMPLE
    dotnet pwsh ./tools/Invoke-SandboxBenchmark.ps1 -SandboxDll out/SecuConnect.Sandbox/SecuConnect.Sandbox.dll -OutPath out/bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SandboxDll,
    [Parameter(Mandatory)] [string] $OutPath,
    [int] $Connections = 8,
    [double] $DurationSec = 5,
    [double] $WarmupSec = 1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = Split-Path $PSScriptRoot -Parent
$SandboxDll = (Resolve-Path $SandboxDll).Path
$loadGenProject = Join-Path $PSScriptRoot 'SecuConnect.LoadGen/SecuConnect.LoadGen.csproj'
$loadGenDll = Join-Path $PSScriptRoot 'SecuConnect.LoadGen/bin/Release/net10.0/SecuConnect.LoadGen.dll'
$targets = @{ get = 10000; create = 3000 }

& dotnet build $loadGenProject -c Release --nologo -v quiet | Out-Null
if ($LASTEXITCODE -ne 0) { throw "building the load generator failed with exit code $LASTEXITCODE" }

function Start-BenchSandbox([string[]] $Extra) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($SandboxDll, '--urls', 'http://127.0.0.1:0') + @($Extra | Where-Object { $_ })) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $proc = [System.Diagnostics.Process]::Start($psi)
    $stderr = $proc.StandardError.ReadToEndAsync()
    $read = $proc.StandardOutput.ReadLineAsync()
    if (-not $read.Wait(30000) -or $null -eq $read.Result -or $read.Result -notmatch 'listening on:?\s*(http://\S+)') {
        if (-not $proc.HasExited) { $proc.Kill($true) }
        throw "sandbox did not report its address. stderr: $($stderr.Result)"
    }
    $null = $proc.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    [pscustomobject]@{ Process = $proc; BaseUri = $Matches[1].TrimEnd('/') }
}

function Invoke-LoadGen([string] $BaseUri, [string] $Scenario) {
    $json = & dotnet $loadGenDll --base $BaseUri --connections $Connections --duration $DurationSec --warmup $WarmupSec --scenario $Scenario
    if ($LASTEXITCODE -ne 0) { throw "load generator failed ($Scenario) with exit code $LASTEXITCODE" }
    $json | ConvertFrom-Json
}

$results = [System.Collections.Generic.List[object]]::new()
$dataFile = Join-Path ([System.IO.Path]::GetTempPath()) ("secuconnect-bench-{0}.db" -f [guid]::NewGuid().ToString('n'))
try {
    foreach ($store in 'memory', 'sqlite') {
        $extra = if ($store -eq 'sqlite') { @('--data', $dataFile) } else { @() }
        foreach ($scenario in 'get', 'create') {
            # A fresh sandbox per run, so one scenario's data does not slow the next.
            $sb = Start-BenchSandbox $extra
            try {
                $r = Invoke-LoadGen $sb.BaseUri $scenario
                $target = if ($store -eq 'memory') { $targets[$scenario] } else { $null }
                $results.Add([pscustomobject][ordered]@{
                        store       = $store
                        scenario    = $r.scenario
                        connections = $Connections
                        requests    = [long]$r.requests
                        seconds     = [double]$r.seconds
                        perSecond   = [double]$r.perSecond
                        errors      = [long]$r.errors
                        target      = $target
                        met         = if ($null -ne $target) { [double]$r.perSecond -ge $target } else { $null }
                    })
            }
            finally {
                if (-not $sb.Process.HasExited) { $sb.Process.Kill($true); $null = $sb.Process.WaitForExit(10000) }
                $sb.Process.Dispose()
            }
        }
    }
}
finally {
    foreach ($f in $dataFile, "$dataFile-wal", "$dataFile-shm") { if (Test-Path $f) { Remove-Item $f -Force } }
}

$results | Format-Table store, scenario, connections, requests, seconds, perSecond, errors, target, met -AutoSize | Out-String -Width 200 | Write-Host
$null = New-Item -ItemType Directory -Force $OutPath
$report = [ordered]@{
    machine   = [ordered]@{ processors = [Environment]::ProcessorCount; os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription; dotnet = [Environment]::Version.ToString() }
    measuredAt = [DateTimeOffset]::UtcNow.ToString('yyyy-MM-ddTHH:mm:sszzz')
    results   = $results
}
$report | ConvertTo-Json -Depth 5 | Set-Content -Path (Join-Path $OutPath 'sandbox.json') -Encoding utf8
Write-Host "written: $(Join-Path $OutPath 'sandbox.json')"
foreach ($r in $results | Where-Object { $_.met -eq $false }) {
    Write-Warning "$($r.store)/$($r.scenario): $($r.perSecond)/s is below the target of $($r.target)/s"
}
if (($results | Measure-Object errors -Sum).Sum -gt 0) { Write-Warning 'some benchmark requests failed; see the errors column' }
