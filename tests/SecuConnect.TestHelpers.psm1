# Helpers for the Pester suite and the demo: run a sandbox on a free loopback port and drive its
# test controls (/_sandbox/*). Calls to the sandbox run with -Verbose:$false -Debug:$false so that
# Invoke-RestMethod's own diagnostics never mix with the module's streams under test.

$script:RepoRoot = Split-Path $PSScriptRoot -Parent
$script:DemoClientId = '09ae83af7c37121b2de929b211bad944'
$script:DemoClientSecret = '9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd'

function Start-SecuSandbox {
    <# Starts the built sandbox on http://127.0.0.1:<free port>; returns BaseUri, Credential, Process. #>
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [string] $SandboxDll = $(if ($env:SECUCONNECT_SANDBOX_DLL) { $env:SECUCONNECT_SANDBOX_DLL } else { Join-Path $script:RepoRoot 'out/SecuConnect.Sandbox/SecuConnect.Sandbox.dll' }),
        [int] $TimeoutSec = 30
    )
    if (-not (Test-Path $SandboxDll)) { throw "Sandbox not built: $SandboxDll is missing. Run ./build.ps1 build." }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.ArgumentList.Add($SandboxDll)
    foreach ($a in @('--urls', 'http://127.0.0.1:0') + $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $proc = [System.Diagnostics.Process]::Start($psi)
    $stderr = $proc.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $baseUri = $null
    $lineTask = $proc.StandardOutput.ReadLineAsync()
    while (-not $baseUri -and [DateTime]::UtcNow -lt $deadline) {
        if (-not $lineTask.Wait(200)) { if ($proc.HasExited) { break } else { continue } }
        $line = $lineTask.Result
        if ($null -eq $line) { break }
        if ($line -match 'listening on:?\s*(http://\S+)') { $baseUri = $Matches[1].TrimEnd('/') }
        else { $lineTask = $proc.StandardOutput.ReadLineAsync() }
    }
    if (-not $baseUri) {
        if (-not $proc.HasExited) { $proc.Kill($true) }
        $null = $proc.WaitForExit(5000)
        throw "Sandbox did not report its address within $TimeoutSec s. stderr: $($stderr.Result)"
    }
    # Keep draining stdout so the sandbox never blocks on a full pipe.
    $null = $proc.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    while ([DateTime]::UtcNow -lt $deadline) {
        try {
            $r = Invoke-WebRequest -Uri "$baseUri/health" -TimeoutSec 2 -SkipHttpErrorCheck -Verbose:$false -Debug:$false
            if ($r.StatusCode -eq 200) { break }
        } catch { }
        if ($proc.HasExited) { throw "Sandbox exited with code $($proc.ExitCode). stderr: $($stderr.Result)" }
        Start-Sleep -Milliseconds 100
    }
    if ([DateTime]::UtcNow -ge $deadline) {
        $proc.Kill($true)
        throw "Sandbox at $baseUri did not become healthy within $TimeoutSec s. stderr: $($stderr.Result)"
    }
    $secret = ConvertTo-SecureString $script:DemoClientSecret -AsPlainText -Force
    [pscustomobject]@{
        BaseUri    = $baseUri
        Credential = [pscredential]::new($script:DemoClientId, $secret)
        Process    = $proc
        ClientId   = $script:DemoClientId
    }
}

function Stop-SecuSandbox {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [AllowNull()] $Sandbox)
    if ($null -eq $Sandbox -or $null -eq $Sandbox.Process) { return }
    $p = $Sandbox.Process
    if (-not $p.HasExited) { $p.Kill($true); $null = $p.WaitForExit(10000) }
    $p.Dispose()
}

function Invoke-SandboxControl {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Parameter(Mandatory, Position = 1)] [string] $Method,
        [Parameter(Mandatory, Position = 2)] [string] $Path,
        $Body
    )
    $p = @{ Uri = "$($Sandbox.BaseUri)$Path"; Method = $Method; Verbose = $false; Debug = $false }
    if ($PSBoundParameters.ContainsKey('Body')) { $p.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $p.ContentType = 'application/json' }
    Invoke-RestMethod @p
}

function Reset-Sandbox { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox POST '/_sandbox/reset' }
function Clear-SandboxRequestLog { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox DELETE '/_sandbox/requests' }

function Get-SandboxRequestLog {
    <# The sandbox's request log, optionally filtered by a -like pattern on the path and by method. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [string] $Path = '*', [string] $Method = '*')
    $log = Invoke-SandboxControl $Sandbox GET '/_sandbox/requests'
    @($log) | Where-Object { $_.path -like $Path -and $_.method -like $Method }
}

function Add-SandboxFault {
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Parameter(Mandatory)] [int] $Status,
        [double] $Rate = 1, [Nullable[int]] $Count, [Nullable[int]] $RetryAfter, [int] $LatencyMs = 0,
        [string] $Method, [string] $PathPrefix, [ValidateSet('before', 'after')] [string] $Phase = 'before'
    )
    $f = [ordered]@{ status = $Status; rate = $Rate; latencyMs = $LatencyMs; phase = $Phase }
    if ($null -ne $Count) { $f.count = $Count }
    if ($null -ne $RetryAfter) { $f.retryAfter = $RetryAfter }
    if ($Method) { $f.method = $Method }
    if ($PathPrefix) { $f.pathPrefix = $PathPrefix }
    $null = Invoke-SandboxControl $Sandbox POST '/_sandbox/faults' -Body $f
}
function Clear-SandboxFault { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox DELETE '/_sandbox/faults' }

function Set-SandboxSetting {
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Nullable[int]] $TokenLifetime, [Nullable[int]] $AuthFailureStatus)
    $b = @{}
    if ($null -ne $TokenLifetime) { $b.tokenLifetime = $TokenLifetime }
    if ($null -ne $AuthFailureStatus) { $b.authFailureStatus = $AuthFailureStatus }
    $null = Invoke-SandboxControl $Sandbox PUT '/_sandbox/settings' -Body $b
}
function Invoke-SandboxTokenExpiry { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox POST '/_sandbox/expire-tokens' }

Export-ModuleMember -Function Start-SecuSandbox, Stop-SecuSandbox, Invoke-SandboxControl, Reset-Sandbox, Clear-SandboxRequestLog,
    Get-SandboxRequestLog, Add-SandboxFault, Clear-SandboxFault, Set-SandboxSetting, Invoke-SandboxTokenExpiry
