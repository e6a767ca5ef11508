# Importing the shipped module in a fresh pwsh -NoProfile: no warnings, the manifest's commands, one new assembly,
# no network, within the import-time budget.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    $script:modulePath = Get-SecuModulePath
    $script:moduleDir = Split-Path $script:modulePath -Parent
    $script:manifest = Import-PowerShellDataFile -LiteralPath $script:modulePath
    $script:result = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$before = [System.AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.FullName }
`$sw = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module '$($script:modulePath -replace "'", "''")' -WarningVariable warnings 3>`$null
`$sw.Stop()
`$new = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$before -notcontains `$_.FullName }
[pscustomobject]@{
    Warnings   = @(`$warnings | ForEach-Object { "`$_" })
    Commands   = @(Get-Command -Module SecuConnect | ForEach-Object Name)
    NewAssemblies = @(`$new | Where-Object { -not `$_.IsDynamic -and `$_.Location -and -not `$_.Location.StartsWith(`$PSHOME) -and -not `$_.Location.StartsWith([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) } | ForEach-Object { `$_.Location })
    Newtonsoft = @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Newtonsoft.Json' } | ForEach-Object { `$_.Location })
    Milliseconds = `$sw.ElapsedMilliseconds
} | ConvertTo-Json -Depth 3
"@
}

Describe 'A fresh import of the shipped module' {
    It 'prints no warnings' {
        @($result.Warnings) | Should -BeNullOrEmpty
    }

    It 'exports the manifest''s commands' {
        @($result.Commands | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    # PowerShell itself may load some of its own assemblies (under $PSHOME) while reading the format file.
    It 'newly loads only SecuConnect.dll from outside PowerShell and .NET' {
        @($result.NewAssemblies | ForEach-Object { Split-Path $_ -Leaf }) | Should -Be 'SecuConnect.dll'
        $result.NewAssemblies | Should -BeLike "$moduleDir*"
    }

    It 'uses the Newtonsoft.Json that PowerShell already loaded, not a second copy' {
        # pwsh loads its own Newtonsoft.Json 13.0.x at start-up and the module's reference unifies with it. Deferring
        # Newtonsoft until a cmdlet needs it is a later goal; today only the single, shared copy is checked.
        @($result.Newtonsoft).Count | Should -Be 1
        $result.Newtonsoft[0] | Should -Not -BeLike "$moduleDir*"
    }

    It 'imports within the time budget' {
        $result.Milliseconds | Should -BeLessThan 1500
    }
}
