# Connect-SecuConnect refuses a -BaseUri that carries user info, without repeating it anywhere.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
}

Describe 'Connect-SecuConnect -BaseUri with user info' {
    It 'is refused before any request, and the password appears in no stream' {
        $server = Start-RecordingServer
        try {
            $uri = $server.BaseUri -replace '^http://', 'http://someone:hunter2pass@'
            $cred = [pscredential]::new('client', (ConvertTo-SecureString 'secret' -AsPlainText -Force))
            $r = Invoke-Captured { Connect-SecuConnect -BaseUri $uri -Credential $cred -Verbose -Debug 4>&1 5>&1 }
            $r.Terminating | Should -Not -BeNullOrEmpty
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidBaseUri,SecuConnect.Commands.ConnectSecuConnectCommand'
            $r.Terminating.CategoryInfo.Category | Should -Be 'SecurityError'
            "$($r.Terminating.TargetObject)" | Should -Not -Match 'hunter2pass'
            ($r.Output + $r.Errors | Out-String) | Should -Not -Match 'hunter2pass'
            $r.Terminating.ErrorDetails.Message | Should -Match 'user name or password'
            $server.Requests.Count | Should -Be 0
            Get-SecuConnectContext | Should -BeNullOrEmpty
        } finally { Stop-RecordingServer $server }
    }
}
