<#
.SYNOPSIS
    Builds, tests and demonstrates the SecuConnect module.
.DESCRIPTION
    Tasks (positional, several allowed, run in order):
      build          publish the module to out/SecuConnect and the sandbox to out/SecuConnect.Sandbox, then docs
      docs           turn docs/en-US into out/SecuConnect/en-US help (MAML); fails when docs and cmdlets disagree
      test           build, then run the xunit and Pester tests; prints passed, failed and skipped per suite and the
                     last line "tests: N passed, N failed, N skipped"; fails on any failed or skipped test, on a
                     suite, test file or class below its minimum count in tests/minimum-tests.json, and on a test file
                     or class that has no minimum there
      demo           build, start a sandbox on a free port, walk through the vendor's CRUD example, stop it
      sandbox        build (unless -NoBuild), then run the sandbox in the foreground (Ctrl+C stops it) and print the
                     Connect-SecuConnect line with the port it listens on
      bench-sandbox  build, then measure the sandbox's own capacity (GET by id, create) with 8 connections
      bench          build, then measure the module beside Invoke-RestMethod, HttpClient and the sandbox's ceiling,
                     twice: first on a ReadyToRun pwsh published to out/pwsh-r2r (tools/PwshHost), as installed
                     PowerShell is, whose table the README reports, then on this pwsh (the .NET tool, JIT-compiled);
                     prints both tables and writes out/bench/bench-r2r.json and bench.json, and .md beside them
                     (about fifteen minutes)
      minimums       write tests/minimum-tests.json from the last green test run: each suite's and each test file's (Pester)
                     or class's (xunit) count; run it after adding tests, or to accept removing some
      package        build, then pack out/SecuConnect.<version>.nupkg as Publish-PSResource gives it to the Gallery,
                     and the sandbox as the .NET tool out/SecuConnect.Sandbox.<version>.nupkg (secuconnect-sandbox)
      mutation       build (unless -NoBuild), then run Stryker.NET (dotnet-stryker, a tool of dotnet-tools.json) over the
                     rule files named in tools/stryker-config.json, with the unit-level tests of tests/SecuConnect.Tests;
                     one mutant at a time (concurrency 1); prints the score and writes the HTML and JSON reports under
                     out/mutation. -Mutate narrows it to some files, a comma-separated list of Stryker globs (e.g.
                     -Mutate '**/Core/Http/RetryBudget.cs'). Not part of 'test': about ten seconds a mutant, so a full
                     run takes hours on a busy machine; docs/development.md keeps the score
      clean          remove out/ and the bin/obj folders
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0, ValueFromRemainingArguments)]
    [ValidateSet('build', 'docs', 'test', 'minimums', 'demo', 'sandbox', 'bench-sandbox', 'bench', 'package', 'mutation', 'clean')]
    [string[]] $Task = @('build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Port for the 'sandbox' task; 0 picks a free one.
    [int] $Port = 5080,

    # For the 'sandbox' and 'mutation' tasks: use what out/ holds, without building first.
    [switch] $NoBuild,

    # For the 'mutation' task: the files to mutate (Stryker globs) instead of every file of tools/stryker-config.json.
    [string[]] $Mutate
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

# Counts from the TRX files (xunit) and the Pester summary. Every test ends up passed, failed or skipped; skipped
# covers everything that did not run to a verdict (xunit NotExecuted/Inconclusive/..., Pester skipped, inconclusive
# and not run), and any skipped test fails the run.
function Get-TrxCount([string[]] $Path) {
    $passed = 0; $failed = 0; $total = 0
    foreach ($p in $Path) {
        [xml] $x = Get-Content -LiteralPath $p -Raw
        $c = $x.TestRun.ResultSummary.Counters
        $passed += [int]$c.passed
        $failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        $total += [int]$c.total
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $total - $passed - $failed; Total = $total }
}

# tests/minimum-tests.json: per suite, the fewest tests it may hold ("suites"), and per suite the fewest each of its
# test files (Pester) or classes (xunit) may hold ("files"), so a deleted file cannot hide behind tests added elsewhere.
# A number applies on every platform; an object of numbers per platform (linux, windows, macos) serves tests chosen
# by platform at discovery. ./build.ps1 minimums writes it from the last green run.
$MinimumsPath = Join-Path $Root 'tests/minimum-tests.json'

function Get-Minimums {
    if (-not (Test-Path -LiteralPath $MinimumsPath)) { return $null }
    Get-Content -LiteralPath $MinimumsPath -Raw | ConvertFrom-Json -AsHashtable
}

function Get-Platform { if ($IsWindows) { 'windows' } elseif ($IsMacOS) { 'macos' } else { 'linux' } }

function Resolve-Minimum($Value) {
    if ($Value -is [System.Collections.IDictionary]) { $Value = $Value[(Get-Platform)] }
    if ($null -eq $Value) { return $null }
    [int]$Value
}

# Test counts by class from TRX files: each result (a theory's cases count one each) under its test's class name.
function Get-TrxCountByClass([string[]] $Path) {
    $counts = [ordered]@{}
    foreach ($p in $Path) {
        [xml] $x = Get-Content -LiteralPath $p -Raw
        $classOf = @{}
        foreach ($t in $x.TestRun.TestDefinitions.UnitTest) { $classOf[$t.id] = $t.TestMethod.className }
        foreach ($r in $x.TestRun.Results.UnitTestResult) {
            $class = $classOf[$r.testId]
            $counts[$class] = 1 + [int]$counts[$class]
        }
    }
    $counts
}

# Judges one suite: prints its counts, and returns it with Failed raised by one for a suite that ran badly (exit code
# without a failed test, no result, no test) and Problems naming everything that must fail the run. $Parts holds the
# suite's counts by test file or class, checked against their minimums.
function Measure-Suite([string] $Name, $Count, [int] $ExitCode, [System.Collections.IDictionary] $Parts) {
    $problems = [System.Collections.Generic.List[string]]::new()
    if ($null -eq $Count) {
        $Count = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; Total = 0 }
        $problems.Add("$Name produced no test results (exit code $ExitCode)")
        $Count.Failed = 1
    } elseif ($Count.Total -eq 0) {
        $problems.Add("$Name ran no test")
        $Count.Failed++
    } elseif ($ExitCode -ne 0 -and $Count.Failed -eq 0) {
        $problems.Add("$Name failed with exit code $ExitCode and no failed test")
        $Count.Failed++
    }
    if ($Count.Skipped -gt 0) { $problems.Add("$Name skipped or did not run $($Count.Skipped) test(s): every test must run") }
    $all = Get-Minimums
    $minimum = if ($all) { Resolve-Minimum $all['suites'][$Name] } else { $null }
    if ($null -eq $minimum) {
        $problems.Add("$Name has no minimum test count in tests/minimum-tests.json")
    } elseif ($Count.Total -lt $minimum) {
        $problems.Add("$Name holds $($Count.Total) tests, fewer than its minimum of $minimum (tests/minimum-tests.json)")
    }
    $fileMinimums = if ($all -and $all['files']) { $all['files'][$Name] } else { $null }
    if ($Parts -and $Count.Total -gt 0) {
        if ($null -eq $fileMinimums) { $fileMinimums = @{} }
        foreach ($part in $fileMinimums.Keys) {
            $m = Resolve-Minimum $fileMinimums[$part]
            $n = [int]$Parts[$part]
            if ($null -ne $m -and $n -lt $m) { $problems.Add("$Name/$part holds $n tests, fewer than its minimum of $m (tests/minimum-tests.json; ./build.ps1 minimums accepts a removal)") }
        }
        foreach ($part in $Parts.Keys) {
            if (-not $fileMinimums.Contains($part)) { $problems.Add("$Name/$part has no minimum test count in tests/minimum-tests.json: run ./build.ps1 minimums after a green run") }
        }
    }
    $line = '{0}: {1} passed, {2} failed, {3} skipped (minimum {4})' -f $Name, $Count.Passed, $Count.Failed, $Count.Skipped, $(if ($null -eq $minimum) { 'none' } else { $minimum })
    Write-Host $line -ForegroundColor $(if ($problems.Count -or $Count.Failed) { 'Red' } else { 'Green' })
    [pscustomobject]@{ Name = $Name; Passed = $Count.Passed; Failed = $Count.Failed; Skipped = $Count.Skipped; Total = $Count.Total; Parts = $Parts; Problems = $problems }
}

# The suites of the last test run (out/TestResults), judged: the xunit projects from their TRX files, Pester from its summary.
function Get-TestResults([object[]] $XunitRuns, [int] $PesterExit) {
    $suites = [System.Collections.Generic.List[object]]::new()
    foreach ($r in $XunitRuns) {
        $trx = @(Get-ChildItem $r.TrxDir -Filter *.trx -Recurse -ErrorAction SilentlyContinue)
        $count = if ($trx.Count) { Get-TrxCount $trx.FullName } else { $null }
        $parts = if ($trx.Count) { Get-TrxCountByClass $trx.FullName } else { $null }
        $suites.Add((Measure-Suite $r.Name $count $r.Exit $parts))
    }
    $summary = Join-Path $ResultsDir 'pester-summary.json'
    $count = $null
    $parts = $null
    if (Test-Path $summary) {
        $s = Get-Content -LiteralPath $summary -Raw | ConvertFrom-Json
        $count = [pscustomobject]@{ Passed = $s.passed; Failed = $s.failed; Skipped = $s.skipped + $s.inconclusive + $s.notRun; Total = $s.total }
        $parts = [ordered]@{}
        foreach ($c in @($s.containers)) { $parts[$c.name] = [int]$c.total }
        foreach ($c in @($s.containers | Where-Object result -eq 'Failed')) { Write-Host "  $($c.name): $($c.passed) passed, $($c.failed) failed of $($c.total) (container failed)" -ForegroundColor Red }
    }
    $suites.Add((Measure-Suite 'Pester' $count $PesterExit $parts))
    $suites
}

$XunitSuites = 'SecuConnect.Sandbox.Tests', 'SecuConnect.Tests'

# Writes tests/minimum-tests.json from the last test run, which must have passed every test.
function Update-Minimums {
    $runs = foreach ($name in $XunitSuites) { [pscustomobject]@{ Name = $name; Exit = 0; TrxDir = Join-Path $ResultsDir "xunit/$name" } }
    $suites = @(Get-TestResults $runs 0)
    $bad = @($suites | Where-Object { $_.Failed -gt 0 -or $_.Skipped -gt 0 -or $_.Total -eq 0 -or $null -eq $_.Parts })
    if ($bad) { throw "the last test run did not pass in $($bad.Name -join ', '): run ./build.ps1 test until it is green, then this task" }
    # What the new minimums accept: files or classes that shrank or went, and new ones.
    foreach ($p in @($suites | ForEach-Object { $_.Problems })) { Write-Host "accepted: $p" }
    $old = Get-Minimums
    $platform = Get-Platform
    # A count that differs by platform keeps its object form, with this platform's number replaced.
    function Merge-Count($Previous, [int] $Now) {
        if ($Previous -is [System.Collections.IDictionary]) { $copy = [ordered]@{} + $Previous; $copy[$platform] = $Now; return $copy }
        $Now
    }
    $suiteCounts = [ordered]@{}
    $fileCounts = [ordered]@{}
    foreach ($s in $suites) {
        $suiteCounts[$s.Name] = Merge-Count $(if ($old) { $old['suites'][$s.Name] }) $s.Total
        $files = [ordered]@{}
        foreach ($part in @($s.Parts.Keys | Sort-Object)) {
            $files[$part] = Merge-Count $(if ($old -and $old['files'] -and $old['files'][$s.Name]) { $old['files'][$s.Name][$part] }) $s.Parts[$part]
        }
        $fileCounts[$s.Name] = $files
    }
    $about = 'The fewest tests each suite, and each of its test files (Pester) or classes (xunit), may hold; ./build.ps1 test fails below them and on a file or class not listed. ./build.ps1 minimums writes this file from the last green run: run it after adding tests, or to accept removing some. A number applies on every platform; an object {"linux": N, "windows": N, "macos": N} gives one per platform, for tests chosen by platform at discovery.'
    [ordered]@{ about = $about; suites = $suiteCounts; files = $fileCounts } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $MinimumsPath -Encoding utf8
    Write-Host "minimums: $MinimumsPath ($(($suites | ForEach-Object { "$($_.Name) $($_.Total)" }) -join ', '))"
}

function Invoke-Test {
    Invoke-Build
    $pester = Restore-Tools
    if (Test-Path $ResultsDir) { Remove-Item $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory $ResultsDir

    Write-Host '== xunit' -ForegroundColor Cyan
    $env:SECUCONNECT_SANDBOX_DLL = Join-Path $SandboxOut 'SecuConnect.Sandbox.dll'
    $env:SECUCONNECT_MODULE_PATH = Join-Path $ModuleOut 'SecuConnect.psd1'
    $xunitRuns = foreach ($name in $XunitSuites) {
        $trxDir = Join-Path $ResultsDir "xunit/$name"
        & dotnet test (Join-Path $Root "tests/$name/$name.csproj") -c $Configuration --nologo `
            --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $trxDir | Out-Host
        [pscustomobject]@{ Name = $name; Exit = $LASTEXITCODE; TrxDir = $trxDir }
    }

    Write-Host '== pester' -ForegroundColor Cyan
    $nunit = Join-Path $ResultsDir 'pester.xml'
    $summary = Join-Path $ResultsDir 'pester-summary.json'
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-PesterTests.ps1') -PesterPath $pester -TestsPath (Join-Path $Root 'tests') -ResultPath $nunit -SummaryPath $summary
    $pesterExit = $LASTEXITCODE

    Write-Host '== results' -ForegroundColor Cyan
    $suites = @(Get-TestResults $xunitRuns $pesterExit)

    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    $skipped = ($suites | Measure-Object Skipped -Sum).Sum
    $problems = @($suites | ForEach-Object { $_.Problems })
    foreach ($p in $problems) { Write-Host "FAIL: $p" -ForegroundColor Red }
    Write-Host "tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $skipped -gt 0 -or $problems.Count -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-Demo.ps1') -ModulePath (Join-Path $ModuleOut 'SecuConnect.psd1') -SandboxDll (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll')
    if ($LASTEXITCODE -ne 0) { throw "demo failed with exit code $LASTEXITCODE" }
}

function Invoke-Sandbox {
    if (-not $NoBuild) { Invoke-Build }
    Write-Host "Starting the SecuConnect sandbox on 127.0.0.1 (Ctrl+C stops it)."
    Write-Host 'Demo client id:     09ae83af7c37121b2de929b211bad944'
    Write-Host 'Demo client secret: 9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd'
    # The address comes from the sandbox's "listening on" line: with -Port 0 only the sandbox knows the port it got.
    $announced = $false
    & dotnet (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll') --urls "http://127.0.0.1:$Port" | ForEach-Object {
        $_
        if (-not $announced -and $_ -match 'listening on:?\s*(http://\S+)') {
            $announced = $true
            Write-Host "Connect with: Connect-SecuConnect -BaseUri $($Matches[1].TrimEnd('/')) -Credential (Get-Credential 09ae83af7c37121b2de929b211bad944)"
        }
    }
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
    # One bench script, two hosts: first the ReadyToRun one, which is what installed PowerShell is and what the
    # README's table reports, then the .NET tool's pwsh.
    foreach ($run in @(@{ Name = 'bench-r2r'; Pwsh = $r2rPwsh; Label = 'the ReadyToRun pwsh (the README''s figures)' }, @{ Name = 'bench'; Pwsh = $Pwsh; Label = 'the pwsh .NET tool' })) {
        Write-Host "== bench on $($run.Label)" -ForegroundColor Cyan
        & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-Benchmark.ps1') -ModulePath (Join-Path $ModuleOut 'SecuConnect.psd1') `
            -SandboxDll (Join-Path $SandboxOut 'SecuConnect.Sandbox.dll') -OutPath (Join-Path $Out 'bench') -PowerShellPath $run.Pwsh -ReportName $run.Name
        if ($LASTEXITCODE -ne 0) { $failed += "$($run.Label) (exit code $LASTEXITCODE)" }
    }
    if ($failed) { throw "benchmark failed on $($failed -join ' and ')" }
}

# Mutation testing of the rule files (tools/stryker-config.json): Stryker builds the module with each mutant and runs
# the unit-level tests that cover it. Slow by nature, so never part of 'test'; its score is kept in docs/development.md.
function Invoke-Mutation {
    if (-not $NoBuild) { Invoke-Build }
    $env:SECUCONNECT_SANDBOX_DLL = Join-Path $SandboxOut 'SecuConnect.Sandbox.dll'
    $env:SECUCONNECT_MODULE_PATH = Join-Path $ModuleOut 'SecuConnect.psd1'
    Write-Host '== mutation' -ForegroundColor Cyan
    $report = Join-Path $Out 'mutation'
    $arguments = @('dotnet-stryker', '--config-file', (Join-Path $Root 'tools/stryker-config.json'), '--output', $report, '--skip-version-check')
    # From the command line (pwsh -File) a list arrives as one comma-separated string.
    foreach ($m in @($Mutate -split ',' | Where-Object { $_ })) { $arguments += '--mutate', $m.Trim() }
    Push-Location (Join-Path $Root 'tests/SecuConnect.Tests')
    try { Invoke-Dotnet @arguments } finally { Pop-Location }
    Write-Host "mutation report: $report"
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
        'minimums' { Update-Minimums }
        'demo' { Invoke-Demo }
        'sandbox' { Invoke-Sandbox }
        'bench-sandbox' { Invoke-BenchSandbox }
        'bench' { Invoke-Bench }
        'mutation' { Invoke-Mutation }
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
