<#
.SYNOPSIS
    Walks through the vendor's payment customer CRUD example with the SecuConnect cmdlets against a local sandbox.
.DESCRIPTION
    Starts a sandbox on a free loopback port, connects with the demo client, then creates the guide's customer
    "Hacker John R." in Wroclaw, reads it by id, changes the surname to "John Random", lists the customers, adds a bank account, lists and removes
    it, and deletes the customer again, printing each step and its result. The sandbox is stopped at the end, also on failure.
.EXAMPLE
    dotnet pwsh ./tools/Invoke-Demo.ps1 -ModulePath out/SecuConnect/SecuConnect.psd1 -SandboxDll out/SecuConnect.Sandbox/SecuConnect.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxDll
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ([Console]::IsOutputRedirected -or $env:NO_COLOR) { $PSStyle.OutputRendering = 'PlainText' }

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

function Show([Parameter(ValueFromPipeline)] $InputObject) {
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end { Write-Host ($items | Out-String -Width 160).Trim("`r", "`n") }
}

$repoRoot = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $repoRoot 'tests/SecuConnect.TestHelpers.psm1')
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath

$sandbox = $null
try {
    Write-Step 'Start the sandbox'
    $sandbox = Start-SecuSandbox -SandboxDll (Resolve-Path -LiteralPath $SandboxDll).ProviderPath
    Write-Host "Sandbox listening on $($sandbox.BaseUri)"

    Write-Step "Connect-SecuConnect -BaseUri $($sandbox.BaseUri) -Credential <demo client> -PassThru"
    Connect-SecuConnect -BaseUri $sandbox.BaseUri -Credential $sandbox.Credential -PassThru | Show

    Write-Step 'Create the guide''s customer: New-SecuCustomer -Forename Hacker -Surname ''John R.'' ... -City Wroclaw -Country PL'
    $customer = New-SecuCustomer -Forename Hacker -Surname 'John R.' -Street Kurkowa -StreetNumber 14 -PostalCode 50-000 -City Wroclaw -Country PL
    $customer | Format-List Id, Name, Forename, Surname, Street, StreetNumber, PostalCode, City, Country, Created, ContractId | Show

    Write-Step "Read it by id: Get-SecuCustomer -Id $($customer.Id)"
    $read = Get-SecuCustomer -Id $customer.Id
    if ($read.Id -ne $customer.Id) { throw "Reading $($customer.Id) returned $($read.Id)." }
    $read | Format-List Id, Name, City, Country, Created | Show

    Write-Step 'Update the surname: Set-SecuCustomer -Surname ''John Random'' -PassThru'
    $updated = $read | Set-SecuCustomer -Surname 'John Random' -PassThru
    if ($updated.Surname -ne 'John Random' -or $updated.City -ne 'Wroclaw') { throw 'The update did not keep the address or did not change the surname.' }
    $updated | Format-List Id, Name, Forename, Surname, City, Country, Created, Updated | Show

    Write-Step 'List the customers: Get-SecuCustomer'
    $all = @(Get-SecuCustomer)
    $all | Format-Table | Show
    if ($all.Id -notcontains $customer.Id) { throw "The list does not contain $($customer.Id)." }
    Write-Step 'Add a bank account: New-SecuPaymentContainer -Iban ''DE89 3704 0044 0532 0130 00'' -Owner ''Hacker John Random'''
    $account = $updated | New-SecuPaymentContainer -Iban 'DE89 3704 0044 0532 0130 00' -Owner 'Hacker John Random'
    if ($account.CustomerId -ne $customer.Id) { throw "The bank account is not linked to $($customer.Id)." }
    Write-Step 'List the customer''s bank accounts: Get-SecuPaymentContainer'
    $updated | Get-SecuPaymentContainer | Format-Table | Show
    Write-Step "Remove the bank account first (a customer with accounts cannot be deleted): Remove-SecuPaymentContainer -Id $($account.Id) -Confirm:`$false"
    Remove-SecuPaymentContainer -Id $account.Id -Confirm:$false

    Write-Step "Delete it: Remove-SecuCustomer -Id $($customer.Id) -Confirm:`$false -PassThru"
    Remove-SecuCustomer -Id $customer.Id -Confirm:$false -PassThru | Format-Table | Show
    $left = @(Get-SecuCustomer -Id $customer.Id -ErrorAction SilentlyContinue -ErrorVariable notFound)
    if ($left.Count -ne 0) { throw "$($customer.Id) still exists after the delete." }
    if ($notFound.Count -gt 0) { Write-Host "Get-SecuCustomer -Id $($customer.Id) now reports: $($notFound[0].FullyQualifiedErrorId)" }

    Disconnect-SecuConnect
    Write-Step 'Done: created, read, updated, listed and deleted a customer, and added, listed and removed its bank account.'
    $exitCode = 0
} catch {
    Write-Host "Demo failed: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host $_.ScriptStackTrace
    $exitCode = 1
} finally {
    if ($sandbox) {
        Stop-SecuSandbox $sandbox
        Write-Host 'Sandbox stopped.'
    }
}
exit $exitCode
