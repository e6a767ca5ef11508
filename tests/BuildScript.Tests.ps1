# build.ps1's guard on the test counts: a minimum per suite and per test file or class, so a deleted test file
# cannot hide behind tests added elsewhere. Run on a copy of build.ps1 with made-up results, in a child pwsh.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    # A repository root holding build.ps1, a minimum file and the results of a test run.
    function New-FakeRoot([hashtable] $Minimums, [hashtable] $PesterFiles) {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory (Join-Path $root 'tests'), (Join-Path $root 'out/TestResults')
        Copy-Item (Join-Path $PSScriptRoot '../build.ps1') $root
        $Minimums | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $root 'tests/minimum-tests.json')
        foreach ($suite in 'SecuConnect.Sandbox.Tests', 'SecuConnect.Tests') {
            $dir = New-Item -ItemType Directory (Join-Path $root "out/TestResults/xunit/$suite")
            $class = "$suite.OnlyTests"
            Set-Content (Join-Path $dir 'run.trx') @"
<?xml version="1.0" encoding="utf-8"?>
<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results><UnitTestResult testId="a" outcome="Passed" /><UnitTestResult testId="b" outcome="Passed" /></Results>
  <TestDefinitions>
    <UnitTest id="a"><TestMethod className="$class" name="One" /></UnitTest>
    <UnitTest id="b"><TestMethod className="$class" name="Two" /></UnitTest>
  </TestDefinitions>
  <ResultSummary outcome="Completed"><Counters total="2" passed="2" failed="0" error="0" timeout="0" aborted="0" /></ResultSummary>
</TestRun>
"@
        }
        $total = ($PesterFiles.Values | Measure-Object -Sum).Sum
        [ordered]@{
            passed = $total; failed = 0; skipped = 0; inconclusive = 0; notRun = 0; total = $total; result = 'Passed'
            containers = @($PesterFiles.Keys | ForEach-Object { @{ name = $_; result = 'Passed'; total = $PesterFiles[$_]; passed = $PesterFiles[$_]; failed = 0 } })
        } | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $root 'out/TestResults/pester-summary.json')
        $root
    }
    function Invoke-Minimums([string] $Root) {
        $pwsh = Join-Path $PSHOME 'pwsh'
        $out = & $pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'build.ps1') minimums 2>&1
        [pscustomobject]@{ Exit = $LASTEXITCODE; Lines = @($out | ForEach-Object { "$_" }) }
    }
    $script:minimums = @{
        suites = @{ 'SecuConnect.Sandbox.Tests' = 2; 'SecuConnect.Tests' = 2; Pester = 9 }
        files  = @{
            'SecuConnect.Sandbox.Tests' = @{ 'SecuConnect.Sandbox.Tests.OnlyTests' = 2 }
            'SecuConnect.Tests'         = @{ 'SecuConnect.Tests.OnlyTests' = 2 }
            Pester                      = @{ 'A.Tests.ps1' = 5; 'Gone.Tests.ps1' = 4 }
        }
    }
}

Describe 'Minimum test counts per file' {
    It 'names a deleted file, a file that shrank and a new file, even when the suite''s total holds, and writes the new counts' {
        # Nine tests as before, but Gone.Tests.ps1 is gone, A.Tests.ps1 shrank and New.Tests.ps1 came.
        $root = New-FakeRoot $minimums @{ 'A.Tests.ps1' = 3; 'New.Tests.ps1' = 6 }
        $r = Invoke-Minimums $root
        $r.Exit | Should -Be 0
        $accepted = @($r.Lines | Where-Object { $_ -like 'accepted: *' })
        $accepted | Should -Contain 'accepted: Pester/A.Tests.ps1 holds 3 tests, fewer than its minimum of 5 (tests/minimum-tests.json; ./build.ps1 minimums accepts a removal)'
        $accepted | Should -Contain 'accepted: Pester/Gone.Tests.ps1 holds 0 tests, fewer than its minimum of 4 (tests/minimum-tests.json; ./build.ps1 minimums accepts a removal)'
        $accepted | Should -Contain 'accepted: Pester/New.Tests.ps1 has no minimum test count in tests/minimum-tests.json: run ./build.ps1 minimums after a green run'
        $accepted.Count | Should -Be 3

        $written = Get-Content (Join-Path $root 'tests/minimum-tests.json') -Raw | ConvertFrom-Json -AsHashtable
        $written.suites.Pester | Should -Be 9
        $written.files.Pester.Keys | Sort-Object | Should -Be 'A.Tests.ps1', 'New.Tests.ps1'
        $written.files.Pester['A.Tests.ps1'] | Should -Be 3
        $written.files['SecuConnect.Tests']['SecuConnect.Tests.OnlyTests'] | Should -Be 2
        # Written again from the same run, nothing is left to accept.
        $again = Invoke-Minimums $root
        @($again.Lines | Where-Object { $_ -like 'accepted: *' }) | Should -BeNullOrEmpty
    }

    It 'refuses to write from a run that failed' {
        $root = New-FakeRoot $minimums @{ 'A.Tests.ps1' = 9 }
        $summary = Join-Path $root 'out/TestResults/pester-summary.json'
        (Get-Content $summary -Raw) -replace '"failed": 0,\s*"skipped"', '"failed": 1, "skipped"' | Set-Content $summary
        $before = Get-Content (Join-Path $root 'tests/minimum-tests.json') -Raw
        $r = Invoke-Minimums $root
        $r.Exit | Should -Not -Be 0
        ($r.Lines -join "`n") | Should -Match 'did not pass in Pester'
        Get-Content (Join-Path $root 'tests/minimum-tests.json') -Raw | Should -Be $before
    }
}

# Mutation testing is a task of its own: slow by nature, so the test run never starts it.
Describe 'The mutation task' {
    BeforeAll {
        $root = Join-Path $PSScriptRoot '..'
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $root 'build.ps1'), [ref] $null, [ref] $null)
        function Get-FunctionText([string] $Name) {
            $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq $Name }, $true)[0].Body.Extent.Text
        }
        $script:config = (Get-Content (Join-Path $root 'tools/stryker-config.json') -Raw | ConvertFrom-Json).'stryker-config'
    }

    It 'is a task of build.ps1, named in its help' {
        $task = $ast.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'Task' }
        $validate = $task.Attributes | Where-Object { $_.TypeName.Name -eq 'ValidateSet' }
        $validate.PositionalArguments.Value | Should -Contain 'mutation'
        $ast.GetHelpContent().Description | Should -Match '(?m)^\s+mutation\s'
        Get-FunctionText 'Invoke-Mutation' | Should -Match 'dotnet-stryker'
    }

    It 'is not part of the test task' {
        $test = Get-FunctionText 'Invoke-Test'
        $test | Should -Not -Match 'Invoke-Mutation'
        $test | Should -Not -Match 'stryker'
    }

    It 'runs the pinned Stryker tool one mutant at a time over rule files that exist' {
        $tools = Get-Content (Join-Path $root 'dotnet-tools.json') -Raw | ConvertFrom-Json
        $tools.tools.'dotnet-stryker'.version | Should -Match '^\d+\.\d+\.\d+$'
        $config.concurrency | Should -Be 1
        $config.'coverage-analysis' | Should -Be 'perTest'
        foreach ($glob in $config.mutate) {
            Join-Path $root 'src/SecuConnect' ($glob -replace '^\*\*/', '') | Should -Exist
        }
    }
}
