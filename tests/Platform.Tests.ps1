# What the module relies on per platform, proven where this machine can: which Newtonsoft.Json copy it binds to on
# PowerShell 7, and the smoke script the CI workflow runs on Windows PowerShell 5.1 (run here on PowerShell 7).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    $script:sb = Start-SecuSandbox
}

AfterAll { Stop-SecuSandbox $script:sb }

Describe 'Newtonsoft.Json on PowerShell 7' {
    It 'binds to the one copy PowerShell preloads, never loading the shipped one beside it' {
        $r = Invoke-ChildPwsh @"
Import-Module '$(Get-SecuModulePath)'
`$secret = ConvertTo-SecureString '$($sb.Credential.GetNetworkCredential().Password)' -AsPlainText -Force
Connect-SecuConnect -BaseUri '$($sb.BaseUri)' -ClientId '$($sb.Credential.UserName)' -ClientSecret `$secret
`$null = New-SecuCustomer -Forename Json -Surname Binding
`$module = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'SecuConnect' }
`$reference = `$module.GetReferencedAssemblies() | Where-Object Name -eq 'Newtonsoft.Json'
[pscustomobject]@{
    Loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Newtonsoft.Json' } | ForEach-Object { `$_.Location })
    Reference = `$reference.Version.ToString()
    PSHome = `$PSHOME
} | ConvertTo-Json -Compress
"@
        @($r.Loaded).Count | Should -Be 1
        [IO.Path]::GetDirectoryName($r.Loaded[0]) | Should -Be $r.PSHome
        $r.Reference | Should -Be '13.0.0.0'
    }
}

Describe 'The Windows PowerShell 5.1 smoke script' {
    It 'passes against the built module (here on PowerShell 7)' {
        $script = Join-Path $PSScriptRoot '../tools/Test-WindowsPowerShell.ps1'
        $output = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -ModulePath (Get-SecuModulePath) 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output -join "`n") | Should -Match 'all checks passed'
    }
}
