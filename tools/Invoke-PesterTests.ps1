# Runs the Pester suite in this (child) process, so the freshly built module is loaded once.
# Writes the NUnit result file and, beside it, a JSON summary (-SummaryPath) of what Pester itself counted:
# passed, failed, skipped, inconclusive and not-run tests, plus containers and blocks that failed outside a test
# (a file that does not load, a failing BeforeAll/AfterAll), which the NUnit file does not count as tests.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestsPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $SummaryPath
)
# No global ErrorActionPreference here: it would leak into the tests and turn per-item errors into terminating ones.
Import-Module $PesterPath -ErrorAction Stop
$config = New-PesterConfiguration
$config.Run.Path = $TestsPath
$config.Run.Exit = $false
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Output.RenderMode = 'Plaintext'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
$run = Invoke-Pester -Configuration $config
# A container that failed with no failed test of its own (it did not load, or an AfterAll failed) counts as one failure.
$containerFailures = @($run.Containers | Where-Object { $_.Result -eq 'Failed' -and [int]$_.FailedCount -eq 0 })
$failed = [int]$run.FailedCount + $containerFailures.Count
if ($SummaryPath) {
    [ordered]@{
        passed       = [int]$run.PassedCount
        failed       = $failed
        skipped      = [int]$run.SkippedCount
        inconclusive = [int]$run.InconclusiveCount
        notRun       = [int]$run.NotRunCount
        total        = [int]$run.TotalCount
        containers   = @($run.Containers | ForEach-Object {
                [ordered]@{
                    name    = if ($_.Item -is [System.IO.FileInfo]) { $_.Item.Name } else { "$($_.Item)" }
                    result  = "$($_.Result)"
                    total   = [int]$_.TotalCount
                    passed  = [int]$_.PassedCount
                    failed  = [int]$_.FailedCount
                }
            })
        result       = "$($run.Result)"
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $SummaryPath -Encoding utf8
}
exit $(if ($failed -gt 0 -or $run.Result -ne 'Passed') { [Math]::Max(1, $failed) } else { 0 })
