<#
.SYNOPSIS
    Builds, tests and demonstrates the SecuConnect module.
.DESCRIPTION
    Tasks (positional, several allowed, run in order):
      build          publish the module to out/SecuConnect and the sandbox to out/SecuConnect.Sandbox, then docs
      docs           turn docs/en-US into out/SecuConnect/en-US help (MAML); fails when docs and cmdlets disagree
      test           build, then run the xunit and Pester tests; last line "tests: N passed, N failed"
      demo           build, start a sandbox on a free port, walk through the vendor's CRUD example, stop it
      sandbox        build, then run the sandbox in the foreground (Ctrl+C stops it)
      bench-sandbox  build, then measure the sandbox's own capacity (GET by id, create) with 8 connections
      bench          build, then measure the module beside Invoke-RestMethod, HttpClient and the sandbox's ceiling,
                     twice: on this pwsh (the .NET tool, JIT-compiled) and on a ReadyToRun pwsh published to
                     out/pwsh-r2r (tools/PwshHost); prints both tables and writes out/bench/bench.json and
                     bench-r2r.json, and .md beside them (about fifteen minutes)
      package        build, then pack out/SecuConnect.<version>.nupkg as Publish-PSResource gives it to the Gallery,
                     and the sandbox as the .NET tool out/SecuConnect.Sandbox.<version>.nupkg (secuconnect-sandbox)
      clean          remove out/ and the bin/obj folders
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0, ValueFromRemainingArguments)]
    [ValidateSet('build', 'docs', 'test', 'demo', 'sandbox', 'bench-sandbox', 'bench', 'package', 'clean')]
    [string[]] $Task = @('build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Port for the 'sandbox' task; 0 picks a free one.
    [int] $Port = 5080
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ($Host.UI.SupportsVirtualTerminal -eq $false -or [Console]::IsOutputRedirected -or $env:NO_COLOR) {
    $PSStyle.OutputRendering = 'PlainText'
}

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'SecuConnect'
$SandboxOut = Join-Path $Out 'SecuConnect.Sandbox'
$ResultsDir = Join-Path $Out 'TestResults'
$PwshHostOut = Join-Path $Out 'pwsh-r2r'
$Pwsh = Join-Path $PSHOME 'pwsh'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

# A plain function (no param block), so dotnet's own switches such as -o are passed through untouched.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Write-Host '== build' -ForegroundColor Cyan
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    Invoke-Dotnet publish (Join-Path $Root 'src/SecuConnect/SecuConnect.csproj') -c $Configuration -o $ModuleOut --nologo -v quiet
    Invoke-Dotnet publish (Join-Path $Root 'src/SecuConnect.Sandbox/SecuConnect.Sandbox.csproj') -c $Configuration -o $SandboxOut --nologo -v quiet
    # Ship only what the module needs: no pdb of third-party code, no deps file.
    Get-ChildItem $ModuleOut -Filter '*.deps.json' | Remove-Item -Force
    Invoke-Docs
    Write-Host "module:  $ModuleOut"
    Write-Host "sandbox: $SandboxOut"
}

# Turns docs/en-US into the module's MAML and about help; fails when the docs and the cmdlets disagree.
function Invoke-Docs {
    if (-not (Test-Path (Join-Path $ModuleOut 'SecuConnect.dll'))) { throw "The module is not built: run ./build.ps1 build." }
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-SecuConnectHelp.ps1') -ModulePath $ModuleOut -DocsPath (Join-Path $Root 'docs/en-US')
    if ($LASTEXITCODE -ne 0) { throw "help generation failed with exit code $LASTEXITCODE" }
}

function Restore-Tools {
    $pester = Join-Path $Root 'tools/packages/pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) {
        Invoke-Dotnet restore (Join-Path $Root 'tools/Tools.csproj') --nologo -v quiet
    }
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 was not restored to $pester" }
    $pester
}

# Counts from the TRX (xunit) and NUnit (Pester) result files.
function Get-TrxCount([string] $Path) {
    [xml] $x = Get-Content -LiteralPath $Path -Raw
    $c = $x.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted }
}
function Get-NUnitCount([string] $Path) {
    [xml] $x = Get-Content -LiteralPath $Path -Raw
    $r = $x.'test-results'
    $failed = [int]$r.failures + [int]$r.errors + [int]$r.invalid
    [pscustomobject]@{ Passed = [int]$r.total - $failed - [int]$r.'not-run' - [int]$r.skipped - [int]$r.ignored - [int]$r.inconclusive; Failed = $failed }
}

function Invoke-Test {
    Invoke-Build
    $pester = Restore-Tools
    if (Test-Path $ResultsDir) { Remove-Item $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory $ResultsDir
    $passed = 0; $failed = 0

    Write-Host '== xunit' -ForegroundColor Cyan
    $env:SECUCONNECT_SANDBOX_DLL = Join-Path $SandboxOut 'SecuConnect.Sandbox.dll'
    $env:SECUCONNECT_MODULE_PATH = Join-Path $ModuleOut 'SecuConnect.psd1'
    $trxDir = Join-Path $ResultsDir 'xunit'
    $xunitExit = 0
    foreach ($project in 'tests/SecuConnect.Sandbox.Tests/SecuConnect.Sandbox.Tests.csproj', 'tests/SecuConnect.Tests/SecuConnect.Tests.csproj') {
        & dotnet test (Join-Path $Root $project) -c $Configuration --nologo `
            --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $trxDir
        if ($LASTEXITCODE -ne 0) { $xunitExit = $LASTEXITCODE }
    }
    $trx = Get-ChildItem $trxDir -Filter *.trx -Recurse -ErrorAction SilentlyContinue
    if ($trx) {
        foreach ($f in $trx) { $c = Get-TrxCount $f.FullName; $passed += $c.Passed; $failed += $c.Failed }
    }
    if ($xunitExit -ne 0 -and $failed -eq 0) { Write-Host "xunit failed with exit code $xunitExit and no failed test" -ForegroundColor Red; $failed++ }

    Write-Host '== pester' -ForegroundColor Cyan
    $nunit = Join-Path $ResultsDir 'pester.xml'
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-PesterTests.ps1') -PesterPath $pester -TestsPath (Join-Path $Root 'tests') -ResultPath $nunit
    $pesterExit = $LASTEXITCODE
    $pesterFailed = 0
    if (Test-Path $nunit) { $c = Get-NUnitCount $nunit; $passed += $c.Passed; $failed += $c.Failed; $pesterFailed = $c.Failed }
    if ($pesterExit -ne 0 -and $pesterFailed -eq 0) { Write-Host "Pester failed with exit code $pesterExit and no failed test" -ForegroundColor Red; $failed++ }

    Write-Host "tests: $passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-Demo.ps1') -ModulePath (Join-Path $ModuleOut 'SecuConnect.psd1') -SandboxDll (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll')
    if ($LASTEXITCODE -ne 0) { throw "demo failed with exit code $LASTEXITCODE" }
}

function Invoke-Sandbox {
    Invoke-Build
    Write-Host "Starting the SecuConnect sandbox on http://127.0.0.1:$Port (Ctrl+C stops it)."
    Write-Host 'Demo client id:     09ae83af7c37121b2de929b211bad944'
    Write-Host 'Demo client secret: 9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd'
    Write-Host "Connect with: Connect-SecuConnect -BaseUri http://127.0.0.1:$Port -Credential (Get-Credential 09ae83af7c37121b2de929b211bad944)"
    & dotnet (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll') --urls "http://127.0.0.1:$Port"
}

function Invoke-BenchSandbox {
    Invoke-Build
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-SandboxBenchmark.ps1') -SandboxDll (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll') -OutPath (Join-Path $Out 'bench')
    if ($LASTEXITCODE -ne 0) { throw "sandbox benchmark failed with exit code $LASTEXITCODE" }
}

# Publishes tools/PwshHost, PowerShell's console host with ReadyToRun code as installed PowerShell ships it, to
# out/pwsh-r2r, with this pwsh's built-in modules beside it; returns the path of its executable. Bench only: the
# publish runs Crossgen2 over every PowerShell assembly (about a minute, longer on a busy machine).
function Build-PwshHost {
    Write-Host '== ReadyToRun pwsh' -ForegroundColor Cyan
    Invoke-Dotnet publish (Join-Path $Root 'tools/PwshHost/PwshHost.csproj') -c Release -o $PwshHostOut --nologo -v quiet | Out-Host
    # The built-in modules (Microsoft.PowerShell.Utility and the rest) load from $PSHOME/Modules, which the SDK
    # package does not carry: take them from the pwsh that runs this script, the .NET tool of dotnet-tools.json.
    $modules = Join-Path $PwshHostOut 'Modules'
    if (Test-Path $modules) { Remove-Item $modules -Recurse -Force }
    Copy-Item (Join-Path $PSHOME 'Modules') $modules -Recurse
    $exe = Join-Path $PwshHostOut $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    $version = & $exe -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()'
    if ($LASTEXITCODE -ne 0) { throw "the ReadyToRun pwsh in $PwshHostOut does not start (exit code $LASTEXITCODE)" }
    Write-Host "ReadyToRun pwsh: $exe (PowerShell $version)"
    $exe
}

function Invoke-Bench {
    Invoke-Build
    $r2rPwsh = Build-PwshHost
    $failed = @()
    # One bench script, two hosts: the .NET tool's pwsh, then the ReadyToRun one.
    foreach ($run in @(@{ Name = 'bench'; Pwsh = $Pwsh; Label = 'the pwsh .NET tool' }, @{ Name = 'bench-r2r'; Pwsh = $r2rPwsh; Label = 'the ReadyToRun pwsh' })) {
        Write-Host "== bench on $($run.Label)" -ForegroundColor Cyan
        & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-Benchmark.ps1') -ModulePath (Join-Path $ModuleOut 'SecuConnect.psd1') `
            -SandboxDll (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll') -OutPath (Join-Path $Out 'bench') -PowerShellPath $run.Pwsh -ReportName $run.Name
        if ($LASTEXITCODE -ne 0) { $failed += "$($run.Label) (exit code $LASTEXITCODE)" }
    }
    if ($failed) { throw "benchmark failed on $($failed -join ' and ')" }
}

function Invoke-Clean {
    foreach ($p in @($Out) + (Get-ChildItem $Root -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue | Where-Object FullName -notlike '*tools/packages*').FullName) {
        if ($p -and (Test-Path $p)) { Remove-Item $p -Recurse -Force }
    }
}

foreach ($t in $Task) {
    switch ($t) {
        'build' { Invoke-Build }
        'docs' { Invoke-Docs }
        'test' { Invoke-Test }
        'demo' { Invoke-Demo }
        'sandbox' { Invoke-Sandbox }
        'bench-sandbox' { Invoke-BenchSandbox }
        'bench' { Invoke-Bench }
        'package' {
            Invoke-Build
            Write-Host '== package' -ForegroundColor Cyan
            & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-SecuConnectPackage.ps1') -ModulePath $ModuleOut -OutputPath $Out
            if ($LASTEXITCODE -ne 0) { throw "packaging failed with exit code $LASTEXITCODE" }
            Invoke-Dotnet pack (Join-Path $Root 'src/SecuConnect.Sandbox/SecuConnect.Sandbox.csproj') -c $Configuration -o $Out --nologo -v quiet
            Write-Host "sandbox tool: $(Join-Path $Out 'SecuConnect.Sandbox.*.nupkg')"
        }
        'clean' { Invoke-Clean }
    }
}
