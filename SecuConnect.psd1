@{
    RootModule           = 'SecuConnect.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '575cbe6c-23a2-46f1-9a24-c4c44a7d61dd'
    Author               = 'SecuConnect contributors'
    CompanyName          = 'SecuConnect contributors'
    Copyright            = '(c) SecuConnect contributors. MIT License.'
    Description          = 'Manage secupay payment customers through the SecuConnect REST API: OAuth client-credentials sign-in, then create, read, update and delete customers from the pipeline, and reach the rest of the API (payment containers, transactions) with the same retries and error handling. Its sandbox, a local server that behaves like the API for offline tests, ships separately as the .NET tool package SecuConnect.Sandbox (dotnet tool install --global SecuConnect.Sandbox; command secuconnect-sandbox), built from the same repository.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('SecuConnect.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-SecuConnect'
        'Disconnect-SecuConnect'
        'Get-SecuConnectContext'
        'Get-SecuCustomer'
        'New-SecuCustomer'
        'Set-SecuCustomer'
        'Remove-SecuCustomer'
        'Get-SecuPaymentContainer'
        'New-SecuPaymentContainer'
        'Set-SecuPaymentContainer'
        'Remove-SecuPaymentContainer'
        'Invoke-SecuConnectRequest'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('secupay', 'SecuConnect', 'payment', 'customers', 'REST', 'API', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/secuconnect-powershell/SecuConnect'
            LicenseUri   = 'https://github.com/secuconnect-powershell/SecuConnect/blob/main/LICENSE'
            ReleaseNotes = '1.0.0: first stable release. Payment customers (Get-, New-, Set-, Remove-SecuCustomer) and their bank accounts (Get-, New-, Set-, Remove-SecuPaymentContainer) with bulk pipeline runs that account for every record, -WhatIf, stale-row checks, token renewal, retries and paging; Invoke-SecuConnectRequest for the rest of the API; a local sandbox for offline tests. Upgrading from 0.1.0: public types moved to the SecuConnect namespace, NotAttempted errors per record, 403 on delete is PermissionDenied, and more; read the upgrade note at https://github.com/secuconnect-powershell/SecuConnect/blob/main/CHANGELOG.md'
        }
    }
}
