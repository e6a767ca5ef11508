# Corporate networks: -Proxy (with and without credentials) and the platform's proxy settings carry the token request
# and the API calls. .NET never proxies loopback addresses, so the module connects to a non-loopback host name that a
# small test proxy (tests/hosts/ForwardProxy.cs) forwards to the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    if (-not ('SecuConnectTests.ForwardProxy' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'hosts/ForwardProxy.cs') }
    $script:sb = Start-SecuSandbox
    $script:port = ([uri]$sb.BaseUri).Port
    # A name that is not loopback and never resolved: only the proxy can reach it.
    $script:remote = "http://secuconnect.test:$port"
    $script:proxy = [SecuConnectTests.ForwardProxy]::new($port)
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    $proxy.Dispose()
    Stop-SecuSandbox $script:sb
}

Describe 'Connect-SecuConnect -Proxy' {
    It 'sends the token request and the API calls through the proxy, and says so in Verbose' {
        $verbose = Connect-SecuConnect -BaseUri $remote -AllowUnencryptedAuthentication -Credential $sb.Credential -Proxy "http://127.0.0.1:$($proxy.Port)" -Verbose 4>&1
        $c = New-SecuCustomer -Forename Proxy -Surname Through
        (Get-SecuCustomer -Id $c.Id).Surname | Should -Be 'Through'
        $seen = @($proxy.Requests)
        $seen | Should -Contain "POST $remote/oauth/token"
        $seen | Should -Contain "POST $remote/api/v2/Payment/Customers"
        $seen | Should -Contain "GET $remote/api/v2/Payment/Customers/$($c.Id)"
        ($verbose | Where-Object { "$_" -like '*through the proxy*' }) | Should -Match ([regex]::Escape("http://127.0.0.1:$($proxy.Port)"))
        (Get-SandboxCustomer $sb -Id $c.Id).contact.surname | Should -Be 'Through'
    }

    It 'signs in to the proxy with -ProxyCredential and never shows its password' {
        $password = 'proxy-pass-4711'
        $proxy.RequiredAuthorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes("alice:$password"))
        try {
            $cred = [pscredential]::new('alice', (ConvertTo-SecureString $password -AsPlainText -Force))
            $streams = & {
                Connect-SecuConnect -BaseUri $remote -AllowUnencryptedAuthentication -Credential $sb.Credential -Proxy "http://127.0.0.1:$($proxy.Port)" -ProxyCredential $cred -Verbose -Debug
                Get-SecuCustomer -First 1 -Verbose -Debug
            } *>&1
            $proxy.Challenges | Should -BeGreaterThan 0
            @($proxy.Requests) | Where-Object { $_ -like "POST $remote/oauth/token (authenticated)" } | Should -Not -BeNullOrEmpty
            ($streams | Out-String) | Should -Not -Match $password
        } finally { $proxy.RequiredAuthorization = $null }
    }

    It 'signs in with the user name and password in the -Proxy URI, and shows the proxy as scheme, host and port only' {
        $password = 'uri-pass-8812'
        $proxy.RequiredAuthorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes("alice:$password"))
        try {
            $streams = & {
                Connect-SecuConnect -BaseUri $remote -AllowUnencryptedAuthentication -Credential $sb.Credential -Proxy "http://alice:$password@127.0.0.1:$($proxy.Port)" -Verbose -Debug
                Get-SecuCustomer -First 1 -Verbose -Debug
            } *>&1
            @($proxy.Requests) | Where-Object { $_ -like "POST $remote/oauth/token (authenticated)" } | Should -Not -BeNullOrEmpty
            @($proxy.Requests) | Where-Object { $_ -like "GET $remote/api/v2/Payment/Customers* (authenticated)" } | Should -Not -BeNullOrEmpty
            $context = Get-SecuConnectContext
            "$($context.Proxy)" | Should -Be "http://127.0.0.1:$($proxy.Port)/"
            $file = Join-Path $TestDrive 'connection.xml'
            $context | Export-Clixml -LiteralPath $file
            $shown = @(
                ($streams | Out-String), ($context | Format-List * | Out-String), ($context | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue),
                (Get-Content -LiteralPath $file -Raw)
            ) -join "`n"
            $shown | Should -Not -Match $password
            $shown | Should -Not -Match 'alice'
        } finally { $proxy.RequiredAuthorization = $null }
    }

    It 'prefers -ProxyCredential to a user name and password in the -Proxy URI, and warns' {
        $password = 'cred-pass-5150'
        $proxy.RequiredAuthorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes("alice:$password"))
        try {
            $cred = [pscredential]::new('alice', (ConvertTo-SecureString $password -AsPlainText -Force))
            $streams = Connect-SecuConnect -BaseUri $remote -AllowUnencryptedAuthentication -Credential $sb.Credential -Proxy "http://mallory:wrong-9931@127.0.0.1:$($proxy.Port)" -ProxyCredential $cred -WarningVariable warned -WarningAction SilentlyContinue -Verbose 4>&1
            @($warned).Count | Should -Be 1
            "$($warned[0])" | Should -Match '-ProxyCredential'
            @($proxy.Requests) | Where-Object { $_ -like "POST $remote/oauth/token (authenticated)" } | Should -Not -BeNullOrEmpty
            ((@($warned) + @($streams)) | Out-String) + (Get-SecuConnectContext | Format-List * | Out-String) | Should -Not -Match 'wrong-9931|mallory'
        } finally { $proxy.RequiredAuthorization = $null }
    }

    It 'refuses a proxy that is not http without repeating its password' {
        $r = Invoke-Captured { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -Proxy 'socks5://bob:s0cks-pass-77@127.0.0.1:1080' }
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidProxy,SecuConnect.Commands.ConnectSecuConnectCommand'
        $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($r.Terminating.TargetObject)" | Should -Be 'socks5://127.0.0.1:1080/'
        @($r.Terminating.Exception.Message, $r.Terminating.ErrorDetails.Message, "$($r.Terminating.TargetObject)") -join ' ' | Should -Not -Match 's0cks-pass-77|bob'
    }

    It 'refuses -ProxyCredential with -ProxyUseDefaultCredentials, and a proxy that is not http' {
        $cred = [pscredential]::new('alice', (ConvertTo-SecureString 'x' -AsPlainText -Force))
        { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -Proxy http://127.0.0.1:1 -ProxyCredential $cred -ProxyUseDefaultCredentials } |
            Should -Throw -ErrorId 'ConflictingProxyCredential,SecuConnect.Commands.ConnectSecuConnectCommand'
        { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -Proxy ftp://proxy.example:21 } |
            Should -Throw -ErrorId 'InvalidProxy,SecuConnect.Commands.ConnectSecuConnectCommand'
    }

    It 'goes direct to a loopback sandbox and says so' {
        $verbose = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -Verbose 4>&1
        ($verbose | Where-Object { "$_" -like 'Requests go*' }) | Should -Match 'directly'
    }
}

Describe 'The platform''s proxy settings' {
    It 'are used by default (HTTP_PROXY in a fresh pwsh)' {
        $before = $proxy.Requests.Count
        $saved = $env:HTTP_PROXY
        $env:HTTP_PROXY = "http://127.0.0.1:$($proxy.Port)"
        try {
            $result = Invoke-ChildPwsh @"
Import-Module '$(Get-SecuModulePath)'
`$secret = ConvertTo-SecureString '$($sb.Credential.GetNetworkCredential().Password)' -AsPlainText -Force
`$v = Connect-SecuConnect -BaseUri '$remote' -AllowUnencryptedAuthentication -ClientId '$($sb.Credential.UserName)' -ClientSecret `$secret -Verbose 4>&1
`$c = New-SecuCustomer -Forename Platform -Surname Proxy
[pscustomobject]@{ Id = `$c.Id; Verbose = (`$v | Where-Object { "`$_" -like 'Requests go*' } | ForEach-Object { "`$_" }) } | ConvertTo-Json -Compress
"@
        } finally { $env:HTTP_PROXY = $saved }
        $result.Id | Should -Match '^PCU_'
        $result.Verbose | Should -Match "through the proxy http://127.0.0.1:$($proxy.Port) \(the platform's proxy settings\)"
        @($proxy.Requests | Select-Object -Skip $before) | Should -Contain "POST $remote/api/v2/Payment/Customers"
    }

    It 'sign in with the user name and password of HTTP_PROXY and HTTPS_PROXY, which the connection never shows' {
        $password = 'env-pass-6406'
        $saved = $env:HTTP_PROXY, $env:HTTPS_PROXY
        $env:HTTP_PROXY = "http://carol:$password@127.0.0.1:$($proxy.Port)"
        $env:HTTPS_PROXY = $env:HTTP_PROXY
        $proxy.RequiredAuthorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes("carol:$password"))
        try {
            $result = Invoke-ChildPwsh @"
Import-Module '$(Get-SecuModulePath)'
`$secret = ConvertTo-SecureString '$($sb.Credential.GetNetworkCredential().Password)' -AsPlainText -Force
`$streams = & {
    Connect-SecuConnect -BaseUri '$remote' -AllowUnencryptedAuthentication -ClientId '$($sb.Credential.UserName)' -ClientSecret `$secret -Verbose -Debug
    Get-SecuCustomer -First 1 -Verbose -Debug
} *>&1
`$http = Get-SecuConnectContext
`$token = ConvertTo-SecureString 'any-token' -AsPlainText -Force
`$https = Connect-SecuConnect -BaseUri 'https://secuconnect.test:$port' -AccessToken `$token -SkipCheck -PassThru
`$file = Join-Path ([IO.Path]::GetTempPath()) "secuconnect-proxy-`$PID.xml"
`$https | Export-Clixml -LiteralPath `$file
`$shown = @((`$streams | Out-String), (`$http | Format-List * | Out-String), (`$https | Format-List * | Out-String),
    (`$http | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue), (Get-Content -LiteralPath `$file -Raw)) -join "``n"
Remove-Item -LiteralPath `$file
[pscustomobject]@{ Http = "`$(`$http.Proxy)"; Https = "`$(`$https.Proxy)"; Leaks = (`$shown -match '$password|carol') } | ConvertTo-Json -Compress
"@
        } finally {
            $env:HTTP_PROXY, $env:HTTPS_PROXY = $saved
            $proxy.RequiredAuthorization = $null
        }
        $result.Http | Should -Be "http://127.0.0.1:$($proxy.Port)/"
        $result.Https | Should -Be "http://127.0.0.1:$($proxy.Port)/"
        $result.Leaks | Should -BeFalse
        @($proxy.Requests) | Where-Object { $_ -like "GET $remote/api/v2/Payment/Customers* (authenticated)" } | Should -Not -BeNullOrEmpty
    }
}
