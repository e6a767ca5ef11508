<#
.SYNOPSIS
    A smoke test of the built module on Windows PowerShell 5.1 (or any PowerShell): starts the sandbox, connects,
    creates, reads, lists, updates and deletes a customer and a bank account (payment container), checks an error, and exits non-zero on any failure.
.DESCRIPTION
    Written for PowerShell 5.1: no PowerShell 7 syntax. Run it after `dotnet pwsh ./build.ps1 build`, for example
    `powershell -NoProfile -File ./tools/Test-WindowsPowerShell.ps1`. The CI workflow (.github/workflows/ci.yml)
    runs it on windows-latest.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SecuConnect/SecuConnect.psd1'),
    [string] $SandboxDll = (Join-Path $PSScriptRoot '../out/SecuConnect.Sandbox/SecuConnect.Sandbox.dll')
)
$ErrorActionPreference = 'Stop'
$failures = New-Object System.Collections.Generic.List[string]
function Check([string] $What, [scriptblock] $Condition) {
    $ok = $false
    try { $ok = [bool](& $Condition) } catch { $ok = $false; $What = "$What ($_)" }
    if ($ok) { Write-Host "ok   $What" } else { Write-Host "FAIL $What"; $failures.Add($What) }
}

$out = [System.IO.Path]::GetTempFileName()
$sandbox = Start-Process dotnet -ArgumentList @("`"$SandboxDll`"", '--urls', 'http://127.0.0.1:0') -RedirectStandardOutput $out -PassThru -NoNewWindow
try {
    $baseUri = $null
    $deadline = (Get-Date).AddSeconds(30)
    while (-not $baseUri -and (Get-Date) -lt $deadline) {
        Start-Sleep -Milliseconds 200
        $line = Get-Content -LiteralPath $out -ErrorAction SilentlyContinue | Where-Object { $_ -match 'listening on:? (http://127\.0\.0\.1:\d+)' } | Select-Object -First 1
        if ($line -and $line -match 'listening on:? (http://127\.0\.0\.1:\d+)') { $baseUri = $Matches[1] }
    }
    if (-not $baseUri) { throw "The sandbox did not start: $(Get-Content -LiteralPath $out -Raw)" }

    Import-Module $ModulePath
    Check "runs on $($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion)" { $true }
    $secret = ConvertTo-SecureString '9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd' -AsPlainText -Force
    Connect-SecuConnect -BaseUri $baseUri -ClientId 09ae83af7c37121b2de929b211bad944 -ClientSecret $secret
    $c = New-SecuCustomer -Forename Ada -Surname Lovelace -Email ada@example.com -City London -Country GB -DateOfBirth 1815-12-10
    Check 'New-SecuCustomer returns an id' { $c.Id -match '^PCU_[A-Z0-9]{30}$' }
    Check 'DateOfBirth reads back as 1815-12-10' { (Get-SecuCustomer -Id $c.Id).DateOfBirth -eq '1815-12-10' }
    $c | Set-SecuCustomer -City Paris
    Check 'Set-SecuCustomer changes the city only' { $g = Get-SecuCustomer -Id $c.Id; $g.City -eq 'Paris' -and $g.Email -eq 'ada@example.com' }
    Check 'Get-SecuCustomer -Filter finds it' { @(Get-SecuCustomer -Filter 'City:Paris').Id -contains $c.Id }
    $pc = $c | New-SecuPaymentContainer -Iban 'DE89 3704 0044 0532 0130 00' -Owner 'Ada Lovelace'
    Check 'New-SecuPaymentContainer links a bank account to the piped customer' { $pc.Id -match '^PCT_[A-Z0-9]{30}$' -and $pc.CustomerId -eq $c.Id -and $pc.Iban -eq 'DE89370400440532013000' }
    Check 'Get-SecuPaymentContainer lists the accounts of a piped customer' { @($c | Get-SecuPaymentContainer).Id -contains $pc.Id }
    $pc | Set-SecuPaymentContainer -Owner 'A. Lovelace'
    Check 'Set-SecuPaymentContainer changes the owner only' { $g = Get-SecuPaymentContainer -Id $pc.Id; $g.Owner -eq 'A. Lovelace' -and $g.Iban -eq $pc.Iban }
    Remove-SecuPaymentContainer -Id $pc.Id -Force
    Check 'Remove-SecuPaymentContainer deletes it' { $e = $null; try { Get-SecuPaymentContainer -Id $pc.Id -ErrorAction Stop } catch { $e = $_ }; $e.FullyQualifiedErrorId -like 'ProductNotFoundException,*' }
    $made = @(1..8 | ForEach-Object { [pscustomobject]@{ Forename = "Bulk$_"; Surname = 'Smoke' } } | New-SecuCustomer -ThrottleLimit 8)
    Check 'a bulk create with -ThrottleLimit 8 creates 8' { $made.Count -eq 8 }
    $made | Remove-SecuCustomer -Force
    $err = $null
    try { Get-SecuCustomer -Id PCU_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ -ErrorAction Stop } catch { $err = $_ }
    Check 'an unknown id is ProductNotFoundException' { $err.FullyQualifiedErrorId -like 'ProductNotFoundException,*' }
    Remove-SecuCustomer -Id $c.Id -Force
    Check 'Remove-SecuCustomer deletes it' { $e = $null; try { Get-SecuCustomer -Id $c.Id -ErrorAction Stop } catch { $e = $_ }; $null -ne $e }
    Disconnect-SecuConnect
}
finally {
    if (-not $sandbox.HasExited) { $sandbox.Kill() }
    Remove-Item -LiteralPath $out -ErrorAction SilentlyContinue
}
if ($failures.Count -gt 0) { Write-Host "$($failures.Count) check(s) failed"; exit 1 }
Write-Host 'all checks passed'
