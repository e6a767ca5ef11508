# Connect-SecuConnect, Disconnect-SecuConnect, Get-SecuConnectContext and the -Connection parameter.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    $script:modulePath = Get-SecuModulePath
    Import-Module $script:modulePath
    $script:sb = Start-SecuSandbox
    $script:secret = $sb.Credential.GetNetworkCredential().Password
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Connect-SecuConnect' {
    BeforeEach { Clear-SandboxRequestLog $sb }

    It 'connects with -Credential, fetches a token at once and writes nothing' {
        $out = @(Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential)
        $out.Count | Should -Be 0
        $tokens = @(Get-SandboxRequestLog $sb -Path '*/oauth/token')
        $tokens.Count | Should -Be 1
        $tokens[0].method | Should -Be 'POST'
        $tokens[0].status | Should -Be 200
        (Get-SecuConnectContext).BaseUri.ToString().TrimEnd('/') | Should -Be $sb.BaseUri
    }

    It 'connects with -ClientId and a SecureString -ClientSecret, and -PassThru returns a usable connection' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -ClientId $sb.ClientId -ClientSecret $sb.Credential.Password -PassThru
        $conn | Should -Not -BeNullOrEmpty
        @($conn).Count | Should -Be 1
        $conn.PSObject.TypeNames -contains 'SecuConnect.Connection' -or $conn.GetType().FullName -eq 'SecuConnect.SecuConnection' | Should -BeTrue
        $conn.ClientId | Should -Be $sb.ClientId
        $conn.BaseUri.ToString().TrimEnd('/') | Should -Be $sb.BaseUri
        $conn.PSObject.Properties.Name | Should -Contain 'Environment'
        $c = New-SecuCustomer -Forename Conn -Surname PassThru -Connection $conn
        (Get-SandboxCustomer $sb -Id $c.Id).contact.surname | Should -Be 'PassThru'
    }

    It 'connects with an -AccessToken obtained elsewhere without calling the token endpoint' {
        $token = ConvertTo-SecureString (Get-SandboxToken $sb -Renew) -AsPlainText -Force
        Clear-SandboxRequestLog $sb
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -AccessToken $token -PassThru
        $c = New-SecuCustomer -Forename Token -Surname Elsewhere -Connection $conn
        (Get-SandboxCustomer $sb -Id $c.Id).contact.forename | Should -Be 'Token'
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 0
        $post = @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST)
        $post.Count | Should -Be 1
        $post[0].status | Should -Be 200
    }

    It 'keeps the port and path of -BaseUri for the token endpoint and the API' {
        $server = Start-RecordingServer
        try {
            $conn = Connect-SecuConnect -BaseUri "$($server.BaseUri)/gateway/v1" -Credential $sb.Credential -PassThru
            $null = Get-SecuCustomer -First 1 -Connection $conn
            $seen = @($server.Requests.ToArray())
            $seen[0].Method | Should -Be 'POST'
            $seen[0].Path | Should -Be '/gateway/v1/oauth/token'
            $seen.Path | Should -Contain '/gateway/v1/api/v2/Payment/Customers'
        } finally {
            Stop-RecordingServer $server
            Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        }
    }

    It 'fails with a terminating invalid_client AuthenticationError for a wrong secret' {
        $bad = [pscredential]::new($sb.ClientId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))
        $reached = $false
        $err = $null
        try {
            Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $bad
            $reached = $true
        } catch { $err = $_ }
        $reached | Should -BeFalse
        $err.FullyQualifiedErrorId | Should -Be 'invalid_client,SecuConnect.Commands.ConnectSecuConnectCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$err $($err.ErrorDetails.Message)" | Should -Not -Match 'not-the-secret'
        $log = @(Get-SandboxRequestLog $sb -Path '*/oauth/token')
        $log.Count | Should -Be 1
        $log[0].status | Should -Be 400
    }
}

Describe 'Get-SecuConnectContext' {
    BeforeAll { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }

    It 'shows environment, base URI, client id and token expiry' {
        $ctx = Get-SecuConnectContext
        @($ctx).Count | Should -Be 1
        $ctx.ClientId | Should -Be $sb.ClientId
        $ctx.BaseUri.ToString().TrimEnd('/') | Should -Be $sb.BaseUri
        $ctx.PSObject.Properties.Name | Should -Contain 'Environment'
        $expires = [datetimeoffset]$ctx.TokenExpiresOn
        # The sandbox issues tokens for 1200 s.
        $expires | Should -BeGreaterThan ([datetimeoffset]::UtcNow.AddSeconds(1000))
        $expires | Should -BeLessThan ([datetimeoffset]::UtcNow.AddSeconds(1300))
    }

    It 'never shows the secret or a token' {
        $ctx = Get-SecuConnectContext
        $text = ($ctx | Format-List * | Out-String -Width 500) + ($ctx | ConvertTo-Json -Depth 3 -WarningAction Ignore)
        $text | Should -Not -Match ([regex]::Escape($secret))
        $ctx.PSObject.Properties.Name | Where-Object { $_ -match 'secret|password|^token$|accesstoken' } | Should -BeNullOrEmpty
        # Sandbox tokens are 26 characters of [0-9a-v].
        foreach ($p in $ctx.PSObject.Properties) {
            if ($p.Value -is [string]) { $p.Value | Should -Not -Match '^[0-9a-v]{26}$' -Because "property $($p.Name) looks like a token" }
        }
    }

    It 'has a table view with Environment, BaseUri, ClientId and TokenExpiresOn' {
        $view = (Get-FormatData -TypeName SecuConnect.Connection).FormatViewDefinition |
            Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        $view | Should -Not -BeNullOrEmpty
        $columns = @($view.Control.Headers.Label)
        foreach ($name in 'Environment', 'BaseUri', 'ClientId', 'TokenExpiresOn') { $columns | Should -Contain $name }
        $columns | Where-Object { $_ -match 'token$|secret' } | Should -BeNullOrEmpty
        $view.Control.Rows[0].Columns.DisplayEntry.Value | Where-Object { $_ -match '\.(AccessToken|Token|Secret)\b' } | Should -BeNullOrEmpty
    }
}

Describe 'Disconnect-SecuConnect' {
    AfterAll { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }

    It 'removes the default connection; cmdlets then fail with NotConnected telling to run Connect-SecuConnect' {
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        Disconnect-SecuConnect
        @(Get-SecuConnectContext -ErrorAction SilentlyContinue).Count | Should -Be 0
        Clear-SandboxRequestLog $sb
        $reached = $false
        $err = $null
        try {
            Get-SecuCustomer -First 1
            $reached = $true
        } catch { $err = $_ }
        $reached | Should -BeFalse
        $err.FullyQualifiedErrorId | Should -Be 'NotConnected,SecuConnect.Commands.GetSecuCustomerCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        "$($err.Exception.Message) $($err.ErrorDetails.Message)" | Should -Match 'Connect-SecuConnect'
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }
}

Describe 'Two connections at once' {
    BeforeAll {
        $script:sb2 = Start-SecuSandbox
        $script:conn1 = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        $script:conn2 = Connect-SecuConnect -BaseUri $sb2.BaseUri -Credential $sb2.Credential -PassThru
    }
    AfterAll {
        Stop-SecuSandbox $script:sb2
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    }

    It 'sends each call to the sandbox of its -Connection' {
        $a = New-SecuCustomer -Forename One -Surname First -Connection $conn1
        $b = New-SecuCustomer -Forename Two -Surname Second -Connection $conn2
        (Get-SandboxCustomer $sb -Id $a.Id).contact.forename | Should -Be 'One'
        Get-SandboxCustomer $sb2 -Id $a.Id | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb2 -Id $b.Id).contact.forename | Should -Be 'Two'
        Get-SandboxCustomer $sb -Id $b.Id | Should -BeNullOrEmpty
        (Get-SecuCustomer -Id $a.Id -Connection $conn1).Forename | Should -Be 'One'
        (Get-SecuCustomer -Id $b.Id -Connection $conn2).Forename | Should -Be 'Two'
    }

    It 'uses the last connection as the default when -Connection is not given' {
        $c = New-SecuCustomer -Forename Default -Surname Latest
        (Get-SandboxCustomer $sb2 -Id $c.Id).contact.forename | Should -Be 'Default'
        Get-SandboxCustomer $sb -Id $c.Id | Should -BeNullOrEmpty
    }

    It 'Disconnect-SecuConnect -Connection closes that connection only' {
        $extra = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        $default = Connect-SecuConnect -BaseUri $sb2.BaseUri -Credential $sb2.Credential -PassThru
        Disconnect-SecuConnect -Connection $extra
        (Get-SecuConnectContext).BaseUri.ToString().TrimEnd('/') | Should -Be $sb2.BaseUri
        $c = New-SecuCustomer -Forename Still -Surname Connected
        (Get-SandboxCustomer $sb2 -Id $c.Id).contact.forename | Should -Be 'Still'
        (Get-SecuCustomer -Id $c.Id -Connection $default).Id | Should -Be $c.Id
    }

    It 'works in ForEach-Object -Parallel with -Connection $using:conn and no default connection there' {
        $modulePath = $script:modulePath
        $conn = $conn1
        $results = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:modulePath
            $notConnected = try { Get-SecuCustomer -First 1; 'no error' } catch { $_.FullyQualifiedErrorId }
            $c = New-SecuCustomer -Forename "Parallel$_" -Surname Runspace -Connection $using:conn
            [pscustomobject]@{ Id = $c.Id; NotConnected = $notConnected }
        }
        $results.Count | Should -Be 3
        foreach ($r in $results) {
            $r.NotConnected | Should -Be 'NotConnected,SecuConnect.Commands.GetSecuCustomerCommand'
            (Get-SandboxCustomer $sb -Id $r.Id).contact.surname | Should -Be 'Runspace'
        }
        ($results.Id | Sort-Object -Unique).Count | Should -Be 3
    }
}
