# Helpers for the Pester suite and the demo: run a sandbox on a free loopback port and drive its
# test controls (/_sandbox/*). Calls to the sandbox run with -Verbose:$false -Debug:$false so that
# Invoke-RestMethod's own diagnostics never mix with the module's streams under test.

$script:RepoRoot = Split-Path $PSScriptRoot -Parent
$script:DemoClientId = '09ae83af7c37121b2de929b211bad944'
$script:DemoClientSecret = '9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd'

function Start-SecuSandbox {
    <# Starts the built sandbox (or -FilePath, e.g. the installed tool) on http://127.0.0.1:<free port>; returns BaseUri, Credential, Process.
       Our own tests run it with --strict (a body that is not JSON, an unknown sort field, fields path or contact
       member is refused; the request log keeps the raw path), so a module that leans on the sandbox's leniency
       fails here; -Lenient starts it as users' scripts see it by default. #>
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [switch] $Lenient,
        [string] $SandboxDll = $(if ($env:SECUCONNECT_SANDBOX_DLL) { $env:SECUCONNECT_SANDBOX_DLL } else { Join-Path $script:RepoRoot 'out/SecuConnect.Sandbox/SecuConnect.Sandbox.dll' }),
        # An executable to run instead of 'dotnet <SandboxDll>', such as the installed tool 'secuconnect-sandbox'.
        [string] $FilePath,
        [int] $TimeoutSec = 30
    )
    if ($FilePath) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    } else {
        if (-not (Test-Path $SandboxDll)) { throw "Sandbox not built: $SandboxDll is missing. Run ./build.ps1 build." }
        $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $psi.ArgumentList.Add($SandboxDll)
    }
    foreach ($a in @('--urls', 'http://127.0.0.1:0') + @(if (-not $Lenient) { '--strict' }) + $ArgumentList) { $psi.ArgumentList.Add($a) }
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
    <# A fault for matching requests; without -Status only a delay (-LatencyMs) before the normal answer. #>
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Nullable[int]] $Status,
        [double] $Rate = 1, [Nullable[int]] $Count, [Nullable[int]] $RetryAfter, [int] $LatencyMs = 0,
        [string] $Method, [string] $PathPrefix, [ValidateSet('before', 'after')] [string] $Phase = 'before'
    )
    $f = [ordered]@{ rate = $Rate; latencyMs = $LatencyMs; phase = $Phase }
    if ($null -ne $Status) { $f.status = $Status }
    if ($null -ne $Count) { $f.count = $Count }
    if ($null -ne $RetryAfter) { $f.retryAfter = $RetryAfter }
    if ($Method) { $f.method = $Method }
    if ($PathPrefix) { $f.pathPrefix = $PathPrefix }
    $null = Invoke-SandboxControl $Sandbox POST '/_sandbox/faults' -Body $f
}
function Add-SandboxLatency {
    <# Delays matching customer requests by -LatencyMs, then answers them normally (phase before) or after the change (phase after). #>
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Parameter(Mandatory, Position = 1)] [int] $LatencyMs,
        [Parameter(Position = 2)] [string] $Method,
        [Parameter(Position = 3)] [string] $PathPrefix = '/api/v2/Payment/Customers',
        [Nullable[int]] $Count, [ValidateSet('before', 'after')] [string] $Phase = 'before'
    )
    Add-SandboxFault $Sandbox -LatencyMs $LatencyMs -Method $Method -PathPrefix $PathPrefix -Count $Count -Phase $Phase
}
function Clear-SandboxFault { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox DELETE '/_sandbox/faults' }

function Set-SandboxSetting {
    <# -MaskContainers answers containers as an API user with fewer rights sees them; -ContainerDeletes 'forbidden' refuses container deletes (403). #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Nullable[int]] $TokenLifetime, [Nullable[int]] $AuthFailureStatus,
        [Nullable[bool]] $MaskContainers, [string] $ContainerDeletes)
    $b = @{}
    if ($null -ne $TokenLifetime) { $b.tokenLifetime = $TokenLifetime }
    if ($null -ne $AuthFailureStatus) { $b.authFailureStatus = $AuthFailureStatus }
    if ($null -ne $MaskContainers) { $b.maskContainers = $MaskContainers }
    if ($ContainerDeletes) { $b.containerDeletes = $ContainerDeletes }
    $null = Invoke-SandboxControl $Sandbox PUT '/_sandbox/settings' -Body $b
}
function Set-SandboxExtraField {
    <# Makes the sandbox return members the module does not model (PUT /_sandbox/extra-fields): -Customer gives
       top-level members of customers created from now on, -Contact and -Address members of their contact and
       address (values: any JSON-convertible data); -EmptyAddressAsArray answers a missing address as []. Each call
       replaces the whole configuration. #>
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [System.Collections.IDictionary] $Customer,
        [System.Collections.IDictionary] $Contact,
        [System.Collections.IDictionary] $Address,
        [switch] $EmptyAddressAsArray
    )
    $b = [ordered]@{}
    if ($PSBoundParameters.ContainsKey('Customer')) { $b.customer = $Customer }
    if ($PSBoundParameters.ContainsKey('Contact')) { $b.contact = $Contact }
    if ($PSBoundParameters.ContainsKey('Address')) { $b.address = $Address }
    $b.emptyAddressAsArray = $EmptyAddressAsArray.IsPresent
    $null = Invoke-SandboxControl $Sandbox PUT '/_sandbox/extra-fields' -Body $b
}
function Clear-SandboxExtraField { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox DELETE '/_sandbox/extra-fields' }
function Set-SandboxShape {
    <# Makes the sandbox answer modelled members in shapes the contract does not give them (PUT /_sandbox/shapes):
       -Customers and -Containers map member paths ('contact.phone', 'contract', 'public.owner') to the value to
       answer (any JSON-convertible data). Each call replaces the whole configuration. #>
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [System.Collections.IDictionary] $Customers = @{},
        [System.Collections.IDictionary] $Containers = @{}
    )
    $null = Invoke-SandboxControl $Sandbox PUT '/_sandbox/shapes' -Body ([ordered]@{ customers = $Customers; containers = $Containers })
}
function Clear-SandboxShape { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox DELETE '/_sandbox/shapes' }
function Invoke-SandboxTokenExpiry { param([Parameter(Mandatory, Position = 0)] $Sandbox) $null = Invoke-SandboxControl $Sandbox POST '/_sandbox/expire-tokens' }

function Stop-PowerShellTimed {
    <# Stops a running [powershell] and returns State and Milliseconds: the time from the stop request to the
       pipeline's own change to Stopped (or Completed/Failed), timestamped on the thread that raised it (as the hosted
       xunit tests do), so a slow test thread on a loaded machine does not count. Fails after -TimeoutSec. #>
    param([Parameter(Mandatory, Position = 0)] [powershell] $PowerShell, [int] $TimeoutSec = 30)
    $id = 'SecuStop-' + [guid]::NewGuid()
    $null = Register-ObjectEvent -InputObject $PowerShell -EventName InvocationStateChanged -SourceIdentifier $id
    try {
        $requested = [datetime]::Now
        $stop = $PowerShell.BeginStop($null, $null)
        $deadline = $requested.AddSeconds($TimeoutSec)
        while ($true) {
            $left = [Math]::Max(1, [int]($deadline - [datetime]::Now).TotalSeconds)
            $e = Wait-Event -SourceIdentifier $id -Timeout $left
            if (-not $e) { throw "The pipeline did not stop within $TimeoutSec s (state $($PowerShell.InvocationStateInfo.State))." }
            Remove-Event -EventIdentifier $e.EventIdentifier
            $state = $e.SourceEventArgs.InvocationStateInfo.State
            if ($state -in 'Stopped', 'Completed', 'Failed') { break }
        }
        $PowerShell.EndStop($stop)
        [pscustomobject]@{ State = $state; Milliseconds = ($e.TimeGenerated - $requested).TotalMilliseconds }
    } finally {
        Unregister-Event -SourceIdentifier $id -ErrorAction SilentlyContinue
        Get-Event -SourceIdentifier $id -ErrorAction SilentlyContinue | Remove-Event
    }
}

function Get-SecuModulePath {
    <# The built module's manifest: $env:SECUCONNECT_MODULE_PATH, else out/SecuConnect. Throws when it is missing. #>
    $path = if ($env:SECUCONNECT_MODULE_PATH) { $env:SECUCONNECT_MODULE_PATH } else { Join-Path $script:RepoRoot 'out/SecuConnect/SecuConnect.psd1' }
    if (-not (Test-Path -LiteralPath $path)) { throw "Module not built: $path is missing. Run ./build.ps1 build." }
    (Resolve-Path -LiteralPath $path).ProviderPath
}

function Get-SandboxToken {
    <# An access token for the demo client, fetched directly (not through the module) and cached on the sandbox object. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [switch] $Renew)
    if ($Renew -or -not $Sandbox.PSObject.Properties['ApiToken'] -or -not $Sandbox.ApiToken) {
        $body = @{ grant_type = 'client_credentials'; client_id = $Sandbox.Credential.UserName; client_secret = $Sandbox.Credential.GetNetworkCredential().Password }
        $r = Invoke-RestMethod -Uri "$($Sandbox.BaseUri)/oauth/token" -Method Post -Body ($body | ConvertTo-Json -Compress) `
            -ContentType 'application/json' -Verbose:$false -Debug:$false
        $Sandbox | Add-Member -NotePropertyName ApiToken -NotePropertyValue $r.access_token -Force
    }
    $Sandbox.ApiToken
}

function Invoke-SandboxApi {
    <# Calls /api/v2 of the sandbox directly, so tests can seed data and check what was stored without the module.
       Returns $null for 404; throws on other errors. Re-authenticates once when the cached token was expired. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Parameter(Mandatory, Position = 1)] [string] $Method,
        [Parameter(Mandatory, Position = 2)] [string] $Path,
        $Body
    )
    for ($attempt = 0; $attempt -lt 2; $attempt++) {
        $token = Get-SandboxToken $Sandbox -Renew:($attempt -gt 0)
        $p = @{
            Uri = "$($Sandbox.BaseUri)/api/v2$Path"; Method = $Method; Headers = @{ Authorization = "Bearer $token" }
            SkipHttpErrorCheck = $true; Verbose = $false; Debug = $false
        }
        if ($PSBoundParameters.ContainsKey('Body')) { $p.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $p.ContentType = 'application/json' }
        $response = Invoke-WebRequest @p
        $status = [int]$response.StatusCode
        # Dates stay strings, exactly as the API wrote them.
        $r = if ($response.Content) { $response.Content | ConvertFrom-Json -DateKind String } else { $null }
        if ($status -in 401, 403) { continue }
        if ($status -eq 404) { return $null }
        if ($status -ge 400) { throw "Sandbox $Method $Path answered $status`: $($r | ConvertTo-Json -Compress)" }
        return $r
    }
    throw "Sandbox $Method $Path answered $status after re-authentication."
}

function New-SandboxCustomer {
    <# Creates a customer directly in the sandbox; -Contact is the API's contact shape. Returns the raw record. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory, Position = 1)] [System.Collections.IDictionary] $Contact)
    Invoke-SandboxApi $Sandbox POST '/Payment/Customers' -Body @{ contact = $Contact }
}

function Get-SandboxCustomer {
    <# Reads customers directly from the sandbox: one by -Id ($null when it does not exist) or all of them. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [string] $Id)
    if ($Id) { return Invoke-SandboxApi $Sandbox GET "/Payment/Customers/$Id" }
    $all = [System.Collections.Generic.List[object]]::new()
    do {
        $page = Invoke-SandboxApi $Sandbox GET "/Payment/Customers?count=1000&offset=$($all.Count)"
        foreach ($c in @($page.data)) { $all.Add($c) }
    } while (@($page.data).Count -eq 1000)
    $all.ToArray()
}

function Get-SandboxListRequest {
    <# List requests (GET on the collection, not by id) from the request log. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    @(Get-SandboxRequestLog $Sandbox -Method GET) | Where-Object { $_.path -match '/api/v2/Payment/Customers/?$' }
}

function Get-FreeTcpPort {
    <# A loopback port that was free a moment ago. #>
    $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $l.Start()
    try { $l.LocalEndpoint.Port } finally { $l.Stop() }
}

function Start-RecordingServer {
    <# A minimal stand-in for the API on 127.0.0.1 that records each request's method, path, headers (a dictionary of
       name to value) and body, and answers a token or an empty list, with a session cookie in Set-Cookie. It proves
       which URLs the module builds from a -BaseUri with a path, and which headers and bodies it sends. #>
    $port = Get-FreeTcpPort
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $requests = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $job = Start-ThreadJob -ArgumentList $listener, $requests -ScriptBlock {
        param($listener, $requests)
        while ($listener.IsListening) {
            try { $ctx = $listener.GetContext() } catch { break }
            $headers = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::OrdinalIgnoreCase)
            foreach ($name in $ctx.Request.Headers.AllKeys) { $headers[$name] = $ctx.Request.Headers[$name] }
            $reader = [System.IO.StreamReader]::new($ctx.Request.InputStream, [System.Text.Encoding]::UTF8)
            $requests.Enqueue([pscustomobject]@{ Method = $ctx.Request.HttpMethod; Path = $ctx.Request.Url.AbsolutePath; Headers = $headers; Body = $reader.ReadToEnd() })
            $ctx.Response.Headers.Add('Set-Cookie', 'session=recording-cookie-7731; Path=/; HttpOnly')
            $body = if ($ctx.Request.Url.AbsolutePath -like '*/oauth/token') {
                '{"access_token":"abcdefghijklmnopqrstuvwxyz","expires_in":1200,"token_type":"bearer","scope":"https://scope.secucard.com/e/api"}'
            } else { '{"count":0,"data":[]}' }
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($body)
            $ctx.Response.StatusCode = 200
            $ctx.Response.ContentType = 'application/json; charset=UTF-8'
            $ctx.Response.ContentLength64 = $bytes.Length
            $ctx.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $ctx.Response.Close()
        }
    }
    [pscustomobject]@{ BaseUri = "http://127.0.0.1:$port"; Requests = $requests; Listener = $listener; Job = $job }
}

function Stop-RecordingServer {
    param([Parameter(Mandatory, Position = 0)] [AllowNull()] $Server)
    if ($null -eq $Server) { return }
    $Server.Listener.Stop()
    $Server.Listener.Close()
    $null = $Server.Job | Wait-Job -Timeout 5
    $Server.Job | Remove-Job -Force
}

function Invoke-RecordingHost {
    <# Runs a script block in a new runspace whose host records what it shows (What if: lines, prompts) and answers
       prompts with Yes (or No when the prompt names one of -Decline). The module is imported and connected to the
       sandbox first. Returns the output, the error, warning, verbose, debug, progress and information records, the host's lines, the prompts and the threads that asked
       them; nothing reaches this test's console. #>
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Parameter(Mandatory, Position = 1)] [scriptblock] $ScriptBlock,
        [object[]] $ArgumentList = @(),
        [string[]] $Decline = @()
    )
    if (-not ('SecuConnectTests.RecordingHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'hosts/RecordingHost.cs') }
    $recordingHost = [SecuConnectTests.RecordingHost]::new()
    foreach ($d in $Decline) { $recordingHost.Recorder.Decline.Add($d) }
    $rs = [runspacefactory]::CreateRunspace($recordingHost, [initialsessionstate]::CreateDefault2())
    $rs.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $rs
    try {
        $null = $ps.AddScript({
                param($Module, $BaseUri, $Credential)
                Import-Module $Module
                Connect-SecuConnect -BaseUri $BaseUri -Credential $Credential
            }).AddArgument((Get-SecuModulePath)).AddArgument($Sandbox.BaseUri).AddArgument($Sandbox.Credential)
        $null = $ps.Invoke()
        $ps.Commands.Clear()
        $null = $ps.AddScript($ScriptBlock.ToString())
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        $out = @($ps.Invoke())
        [pscustomobject]@{
            Output = $out; Errors = @($ps.Streams.Error); Warnings = @($ps.Streams.Warning)
            Verbose = @($ps.Streams.Verbose); Debug = @($ps.Streams.Debug); Progress = @($ps.Streams.Progress); Information = @($ps.Streams.Information)
            Lines = @($recordingHost.Recorder.Lines); Prompts = @($recordingHost.Recorder.Prompts)
            PromptThreads = @($recordingHost.Recorder.Threads)
        }
    }
    finally {
        $ps.Dispose()
        $rs.Dispose()
    }
}

function Invoke-ChildPwsh {
    <# Runs a script in a fresh pwsh -NoProfile (this one's, or -PowerShellPath) and returns its output, parsed from
       JSON when it prints JSON. #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Script,
        [string] $PowerShellPath = (Join-Path $PSHOME 'pwsh')
    )
    # A script file, not -EncodedCommand: with -EncodedCommand the child writes Verbose and Debug past its
    # redirected output, straight to this test's console.
    $file = Join-Path ([System.IO.Path]::GetTempPath()) "secuconnect-child-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8
    try { $out = & $PowerShellPath -NoProfile -NonInteractive -File $file 2>&1 }
    finally { Remove-Item -LiteralPath $file -Force }
    if ($LASTEXITCODE -ne 0) { throw "child pwsh exited with $LASTEXITCODE`: $($out -join "`n")" }
    $text = ($out | ForEach-Object { "$_" }) -join "`n"
    try { $text | ConvertFrom-Json } catch { $text }
}

function Invoke-Captured {
    <# Runs a script block and separates its output, its errors (non-terminating ones from the error stream and a
       terminating one, which stops the block) and whether it terminated. #>
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    $output = [System.Collections.Generic.List[object]]::new()
    $errors = [System.Collections.Generic.List[object]]::new()
    $terminating = $null
    try {
        & $ScriptBlock 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $output.Add($_) }
        }
    } catch { $terminating = $_; $errors.Add($_) }
    [pscustomobject]@{ Output = $output.ToArray(); Errors = $errors.ToArray(); Terminating = $terminating }
}

function Get-TargetId {
    <# The customer id an ErrorRecord's TargetObject stands for: the id string itself or an object's Id. #>
    param([Parameter(Mandatory, Position = 0)] [AllowNull()] $TargetObject)
    if ($null -eq $TargetObject) { return $null }
    if ($TargetObject -is [string]) { return $TargetObject }
    if ($TargetObject.PSObject.Properties['Id']) { return [string]$TargetObject.Id }
    "$TargetObject"
}

Export-ModuleMember -Function Start-SecuSandbox, Stop-SecuSandbox, Invoke-SandboxControl, Reset-Sandbox, Clear-SandboxRequestLog,
    Get-SandboxRequestLog, Add-SandboxFault, Add-SandboxLatency, Clear-SandboxFault, Set-SandboxSetting, Set-SandboxExtraField, Clear-SandboxExtraField, Set-SandboxShape, Clear-SandboxShape, Invoke-SandboxTokenExpiry,
    Get-SecuModulePath, Get-SandboxToken, Invoke-SandboxApi, New-SandboxCustomer, Get-SandboxCustomer, Get-SandboxListRequest,
    Get-FreeTcpPort, Start-RecordingServer, Stop-RecordingServer, Invoke-RecordingHost, Invoke-ChildPwsh, Invoke-Captured, Get-TargetId, Stop-PowerShellTimed
