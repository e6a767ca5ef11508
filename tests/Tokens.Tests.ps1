# Token renewal: expiry in the middle of a pipeline, short lifetimes, and both auth failure statuses.

BeforeDiscovery {
    $script:AuthStatuses = @(@{ Status = 403 }, @{ Status = 401 })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Token renewal' {
    BeforeEach {
        Reset-Sandbox $sb
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        $script:ids = foreach ($i in 1..4) { (New-SandboxCustomer $sb @{ forename = "Token$i"; surname = 'Renewal' }).id }
        Clear-SandboxRequestLog $sb
    }

    It 'finishes a pipeline when every token expires in the middle of it, with one more token request' {
        $n = 0
        $out = @($ids | ForEach-Object {
                $n++
                if ($n -eq 3) { Invoke-SandboxTokenExpiry $sb }
                $_
            } | Get-SecuCustomer -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $out.Count | Should -Be 4
        $out.Id | Should -Be $ids
        $log = @(Get-SandboxRequestLog $sb)
        @($log | Where-Object path -Like '*/oauth/token').Count | Should -Be 1
        $rejected = @($log | Where-Object status -EQ 403)
        $rejected.Count | Should -Be 1
        # The rejected call is replayed once, right after the new token.
        $at = [array]::IndexOf($log, $rejected[0])
        $rejected[0].path | Should -BeLike "*/$($ids[2])"
        $log[$at + 1].path | Should -BeLike '*/oauth/token'
        $log[$at + 2].path | Should -Be $rejected[0].path
        $log[$at + 2].status | Should -Be 200
    }

    It 'renews a short-lived token before it expires, without hitting an auth failure' {
        Set-SandboxSetting $sb -TokenLifetime 4
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        Clear-SandboxRequestLog $sb
        # Polls until the module has renewed the token on its own (at half of the 4 s lifetime).
        $deadline = [datetime]::UtcNow.AddSeconds(15)
        $renewed = $false
        while (-not $renewed -and [datetime]::UtcNow -lt $deadline) {
            $null = Get-SecuCustomer -Id $ids[0]
            $renewed = @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count -ge 1
            if (-not $renewed) { Start-Sleep -Milliseconds 250 }
        }
        $renewed | Should -BeTrue
        @(Get-SandboxRequestLog $sb | Where-Object { $_.status -in 401, 403 }).Count | Should -Be 0
    }

    It 'renews once for parallel requests that share a connection when the token expires' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        $modulePath = Get-SecuModulePath
        Invoke-SandboxTokenExpiry $sb
        Clear-SandboxRequestLog $sb
        $out = @($ids | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:modulePath
                Get-SecuCustomer -Id $_ -Connection $using:conn
            })
        ($out.Id | Sort-Object) | Should -Be ($ids | Sort-Object)
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 1
    }

    It 're-authenticates once after a <Status> and replays the call' -ForEach $AuthStatuses {
        Set-SandboxSetting $sb -AuthFailureStatus $Status
        Invoke-SandboxTokenExpiry $sb
        $c = Get-SecuCustomer -Id $ids[0]
        $c.Id | Should -Be $ids[0]
        $log = @(Get-SandboxRequestLog $sb)
        $log.Count | Should -Be 3
        $log[0].status | Should -Be $Status
        $log[1].path | Should -BeLike '*/oauth/token'
        $log[1].status | Should -Be 200
        $log[2].status | Should -Be 200
    }

    It 'reports ProductNotAllowedException as a terminating AuthenticationError when the replay is rejected too' {
        # Every customer call answers 401, so the call after the re-authentication fails as well.
        Add-SandboxFault $sb -Status 401 -PathPrefix '/api/v2/Payment/Customers'
        try {
            $r = Invoke-Captured { Get-SecuCustomer -Id $ids[0]; 'after' }
        } finally { Clear-SandboxFault $sb }
        $r.Output | Should -Not -Contain 'after'
        $r.Terminating | Should -Not -BeNullOrEmpty
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ProductNotAllowedException,SecuConnect.Commands.GetSecuCustomerCommand'
        $r.Terminating.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $log = @(Get-SandboxRequestLog $sb)
        @($log | Where-Object path -Like '*/oauth/token').Count | Should -Be 1
        @($log | Where-Object path -Like '*/Payment/Customers/*').Count | Should -Be 2
    }

    It 'reports an expired -AccessToken as an AuthenticationError without calling the token endpoint' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -AccessToken (ConvertTo-SecureString (Get-SandboxToken $sb -Renew) -AsPlainText -Force) -PassThru
        (Get-SecuCustomer -Id $ids[0] -Connection $conn).Id | Should -Be $ids[0]
        Invoke-SandboxTokenExpiry $sb
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Get-SecuCustomer -Id $ids[1] -Connection $conn }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike '*,SecuConnect.Commands.GetSecuCustomerCommand'
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 0
    }
}
