# Runs the Pester suite in this (child) process, so the freshly built module is loaded once.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestsPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
# No global ErrorActionPreference here: it would leak into the tests and turn per-item errors into terminating ones.
Import-Module $PesterPath -ErrorAction Stop
$config = New-PesterConfiguration
$config.Run.Path = $TestsPath
$config.Run.Exit = $true
$config.Output.Verbosity = 'Normal'
$config.Output.RenderMode = 'Plaintext'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
Invoke-Pester -Configuration $config
