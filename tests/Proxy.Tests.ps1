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
}
