<#
.SYNOPSIS
    One benchmark measurement, run by tools/Invoke-Benchmark.ps1 in a fresh pwsh process.
.DESCRIPTION
    Prints one line of JSON as its last output line. The sandbox's client id and secret come from the environment
    (SECUCONNECT_BENCH_CLIENT_ID, SECUCONNECT_BENCH_CLIENT_SECRET) so they never appear on a command line.
    Scenarios:
      Import   Measure-Command { Import-Module <Module> }, in milliseconds
      Bare     nothing: the peak working set of a bare pwsh
      GetById  Count GET-by-id calls per round (ids from IdsFile, in turn), after Warmup calls
      Create   Import-Csv CsvPath, one POST per row, after the rows of WarmupCsvPath; timed Passes times in the
               same process (seconds = the first pass, passSeconds = every pass); with each pass the CPU time this
               process spent (passCpuSeconds) and, given SandboxPid, the sandbox's (passSandboxCpuSeconds). A
               '{pass}' in CsvPath is replaced by the pass's number (0, 1, ...), so each pass can send other rows
               (the API stores a bank account once per customer). -Resource Containers creates payment containers
               (New-SecuPaymentContainer; the loop POSTs to Payment/Containers) from IBAN, BIC, AccountHolder,
               Purpose and CustomerId columns.
      List     every customer streamed into Measure-Object
    -Client Module uses the built module; RestMethod the hand-written Invoke-RestMethod loop with a -WebSession.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Import', 'Bare', 'GetById', 'Create', 'List')] [string] $Scenario,
    # Create: what the rows become.
    [ValidateSet('Customers', 'Containers')] [string] $Resource = 'Customers',
    [ValidateSet('Module', 'RestMethod')] [string] $Client = 'Module',
    [string] $Module,
    [string] $BaseUri,
    [string] $IdsFile,
    [int] $Count = 1000,
    [int] $Repeat = 3,
    [int] $Warmup = 50,
    [string] $CsvPath,
    [string] $WarmupCsvPath,
    # Create: how often CsvPath is timed in this process; the later passes show the steady state after JIT warm-up.
    [ValidateRange(1, 99)] [int] $Passes = 1,
    # 0 leaves the module's default; RestMethod ignores it.
    [int] $ThrottleLimit = 0,
    # Page size of the Invoke-RestMethod listing (the module's own default is what it is).
    [int] $PageSize = 500,
    # Create: the sandbox's process id, to read its CPU time over each pass beside this process's.
    [int] $SandboxPid = 0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Write-Result([System.Collections.IDictionary] $Result) {
    $Result.peakWorkingSet = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    $Result | ConvertTo-Json -Compress -Depth 4
}

if ($Scenario -eq 'Import') {
    $ms = (Measure-Command { Import-Module $Module }).TotalMilliseconds
    Write-Result ([ordered]@{ milliseconds = $ms })
    return
}
if ($Scenario -eq 'Bare') {
    Write-Result ([ordered]@{})
    return
}

$clientId = $env:SECUCONNECT_BENCH_CLIENT_ID
$clientSecret = $env:SECUCONNECT_BENCH_CLIENT_SECRET
if (-not $clientId -or -not $clientSecret) { throw 'SECUCONNECT_BENCH_CLIENT_ID and SECUCONNECT_BENCH_CLIENT_SECRET must be set.' }
$api = "$BaseUri/api/v2/Payment/$Resource"
$newCommand = if ($Resource -eq 'Containers') { 'New-SecuPaymentContainer' } else { 'New-SecuCustomer' }

if ($Client -eq 'Module') {
    Import-Module $Module
    $secret = ConvertTo-SecureString $clientSecret -AsPlainText -Force
    Connect-SecuConnect -BaseUri $BaseUri -Credential ([pscredential]::new($clientId, $secret))
    $hasThrottle = (Get-Command $newCommand).Parameters.ContainsKey('ThrottleLimit')
}
else {
    # What an admin writes by hand: one token, then a session that carries the header and reuses connections.
    $token = Invoke-RestMethod -Method Post -Uri "$BaseUri/oauth/token" -SessionVariable session `
        -Body @{ grant_type = 'client_credentials'; client_id = $clientId; client_secret = $clientSecret }
    $session.Headers['Authorization'] = "Bearer $($token.access_token)"
}

switch ($Scenario) {
    'GetById' {
        $ids = @(Get-Content -LiteralPath $IdsFile | Where-Object { $_ })
        $n = $ids.Count
        $rounds = [System.Collections.Generic.List[double]]::new()
        if ($Client -eq 'Module') {
            for ($i = 0; $i -lt $Warmup; $i++) { $null = Get-SecuCustomer -Id $ids[$i % $n] }
            for ($r = 0; $r -lt $Repeat; $r++) {
                $sw = [System.Diagnostics.Stopwatch]::StartNew()
                for ($i = 0; $i -lt $Count; $i++) { $null = Get-SecuCustomer -Id $ids[$i % $n] }
                $rounds.Add($sw.Elapsed.TotalSeconds)
            }
        }
        else {
            for ($i = 0; $i -lt $Warmup; $i++) { $null = Invoke-RestMethod -Uri "$api/$($ids[$i % $n])" -WebSession $session }
            for ($r = 0; $r -lt $Repeat; $r++) {
                $sw = [System.Diagnostics.Stopwatch]::StartNew()
                for ($i = 0; $i -lt $Count; $i++) { $null = Invoke-RestMethod -Uri "$api/$($ids[$i % $n])" -WebSession $session }
                $rounds.Add($sw.Elapsed.TotalSeconds)
            }
        }
        Write-Result ([ordered]@{ count = $Count; seconds = $rounds.ToArray() })
    }
    'Create' {
        if ($Client -eq 'Module') {
            # The child stops on its own failures ($ErrorActionPreference = 'Stop'), but the measured import runs as a
            # script with the default preference would: under Stop, bulk commands send one record at a time, so that
            # nothing after a failing record is sent (docs/reliability.md). The store count is checked afterwards.
            $p = @{ ErrorAction = 'Continue' }
            if ($ThrottleLimit -gt 0) {
                if (-not $hasThrottle) { throw "$newCommand has no -ThrottleLimit parameter." }
                $p.ThrottleLimit = $ThrottleLimit
            }
            $run = { param($Path) $null = Import-Csv -LiteralPath $Path | & $newCommand @p }
        }
        elseif ($Resource -eq 'Containers') {
            # The body New-SecuPaymentContainer sends: empty columns left out, the customer only when linked.
            $run = {
                param($Path)
                foreach ($row in Import-Csv -LiteralPath $Path) {
                    $account = [ordered]@{ iban = $row.IBAN; owner = $row.AccountHolder }
                    if ($row.BIC) { $account.bic = $row.BIC }
                    if ($row.Purpose) { $account.purpose = $row.Purpose }
                    $body = [ordered]@{ type = 'bank_account'; private = $account }
                    if ($row.CustomerId) { $body.customer = @{ id = $row.CustomerId } }
                    $null = Invoke-RestMethod -Method Post -Uri $api -WebSession $session -ContentType 'application/json' -Body ($body | ConvertTo-Json -Compress -Depth 5)
                }
            }
        }
        else {
            $run = {
                param($Path)
                foreach ($row in Import-Csv -LiteralPath $Path) {
                    $body = @{
                        contact = [ordered]@{
                            salutation = $row.Salutation; forename = $row.Forename; surname = $row.Surname
                            companyname = $row.CompanyName; email = $row.Email; phone = $row.Phone; dob = $row.DateOfBirth
                            address = [ordered]@{
                                street = $row.Street; street_number = $row.StreetNumber; postal_code = $row.PostalCode
                                city = $row.City; country = $row.Country
                            }
                        }
                    } | ConvertTo-Json -Compress -Depth 5
                    $null = Invoke-RestMethod -Method Post -Uri $api -WebSession $session -ContentType 'application/json' -Body $body
                }
            }
        }
        if ($WarmupCsvPath) { & $run $WarmupCsvPath }
        # CPU time is far less sensitive than wall time to other work on the machine: the client's and the sandbox's
        # CPU per record say which of the two bounds a run, and what a change saved.
        $self = [System.Diagnostics.Process]::GetCurrentProcess()
        $sandbox = if ($SandboxPid -gt 0) { [System.Diagnostics.Process]::GetProcessById($SandboxPid) } else { $null }
        $cpu = { param($p) if ($null -eq $p) { 0.0 } else { $p.Refresh(); $p.TotalProcessorTime.TotalSeconds } }
        $passSeconds = [System.Collections.Generic.List[double]]::new()
        $passCpu = [System.Collections.Generic.List[double]]::new()
        $passSandboxCpu = [System.Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Passes; $i++) {
            $c0 = & $cpu $self; $s0 = & $cpu $sandbox
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            & $run $CsvPath.Replace('{pass}', "$i")
            $passSeconds.Add($sw.Elapsed.TotalSeconds)
            $passCpu.Add((& $cpu $self) - $c0)
            $passSandboxCpu.Add((& $cpu $sandbox) - $s0)
        }
        $result = [ordered]@{ seconds = $passSeconds[0]; passSeconds = $passSeconds.ToArray(); passCpuSeconds = $passCpu.ToArray() }
        if ($sandbox) { $result.passSandboxCpuSeconds = $passSandboxCpu.ToArray() }
        Write-Result $result
    }
    'List' {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        if ($Client -eq 'Module') {
            $m = Get-SecuCustomer | Measure-Object
        }
        else {
            # The same scroll pages, each page's items streamed into the same pipeline.
            $m = & {
                $page = Invoke-RestMethod -Uri "$api`?count=$PageSize&scroll_expire=5m" -WebSession $session
                $total = [long]$page.count
                $seen = 0
                while (@($page.data).Count -gt 0) {
                    $page.data
                    $seen += @($page.data).Count
                    if ($seen -ge $total) { break }
                    $page = Invoke-RestMethod -Uri "$api`?scroll_id=$([uri]::EscapeDataString($page.scroll_id))" -WebSession $session
                }
            } | Measure-Object
        }
        $seconds = $sw.Elapsed.TotalSeconds
        Write-Result ([ordered]@{ items = $m.Count; seconds = $seconds })
    }
}
