# Invoke-SecuConnectRequest typed the way Invoke-RestMethod and Invoke-MgGraphRequest are: -Uri, GET by default, one
# or two positional values, a leading slash, -Headers, -ContentType, -StatusCodeVariable, -ResponseHeadersVariable,
# -OutputType, and completion of the path from the API's resources and ids.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    $script:cmdClass = 'SecuConnect.Commands.InvokeSecuConnectRequestCommand'

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
    function Get-ApiRequest([string] $Method = '*') {
        @(Get-SandboxRequestLog $sb | Where-Object { $_.path -like '/api/v2/*' -and $_.method -like $Method })
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'The forms users type' {
    BeforeEach {
        Reset-Sandbox $sb
        $script:customer = New-SandboxCustomer $sb @{ forename = 'Form'; surname = 'Typed' }
        Clear-SandboxRequestLog $sb
    }

    It '-Uri names the path and the method defaults to GET, as in Invoke-RestMethod' {
        $got = Invoke-SecuConnectRequest -Uri Payment/Customers
        $got.id | Should -Be $customer.id
        $log = Get-ApiRequest
        $log.Count | Should -Be 1
        $log[0].method | Should -Be 'GET'
        $log[0].path | Should -Be '/api/v2/Payment/Customers'
    }

    It 'binds one positional value as the path and two as the method and the path' {
        (Invoke-SecuConnectRequest "Payment/Customers/$($customer.id)").id | Should -Be $customer.id
        (Invoke-SecuConnectRequest Get Payment/Containers) | Should -BeNullOrEmpty
        Invoke-SecuConnectRequest Delete "Payment/Customers/$($customer.id)" | Out-Null
        $log = Get-ApiRequest
        ($log | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @(
            "GET /api/v2/Payment/Customers/$($customer.id)"
            'GET /api/v2/Payment/Containers'
            "DELETE /api/v2/Payment/Customers/$($customer.id)")
        Get-SandboxCustomer $sb -Id $customer.id | Should -BeNullOrEmpty
    }

    It 'reads a leading slash from the API root: /Payment/Customers/<id>' {
        (Invoke-SecuConnectRequest "/Payment/Customers/$($customer.id)").id | Should -Be $customer.id
        (Invoke-SecuConnectRequest -Method Get -Uri '/Payment/Customers').id | Should -Be $customer.id
        (Get-ApiRequest).path | Should -Be "/api/v2/Payment/Customers/$($customer.id)", '/api/v2/Payment/Customers'
    }

    It 'refuses <Case> with InvalidMethod before sending' -ForEach @(
        @{ Case = 'a misspelt method'; Call = { Invoke-SecuConnectRequest -Method Gte -Uri Payment/Customers }; Target = 'Gte' }
        @{ Case = 'a path where the method goes'; Call = { Invoke-SecuConnectRequest Payment/Customers Payment/Containers }; Target = 'Payment/Customers' }
    ) {
        $r = Invoke-Captured $Call
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidMethod,$cmdClass"
        $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Terminating.TargetObject | Should -Be $Target
        Get-ApiRequest | Should -BeNullOrEmpty
    }

    It 'still refuses a rooted path outside the API: <Path>' -ForEach @(
        @{ Path = '/oauth/token' }
        @{ Path = '/api/v1/Payment/Customers' }
    ) {
        $r = Invoke-Captured { Invoke-SecuConnectRequest $Path }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidPath,$cmdClass"
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }
}

Describe '-Headers and -ContentType' {
    BeforeAll {
        $script:server = Start-RecordingServer
        $script:recorded = Connect-SecuConnect -BaseUri $server.BaseUri -Credential $sb.Credential -PassThru
        # Connect makes its connection the default: the sandbox's stays the default for the rest.
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    }
    AfterAll { Stop-RecordingServer $script:server }
    BeforeEach {
        Reset-Sandbox $sb
        $null = $server.Requests.Clear()
    }

    It 'sends the headers given, and an Accept given replaces the connection''s' {
        $null = Invoke-SecuConnectRequest Payment/Customers -Connection $recorded -Headers @{ 'X-Reference' = 'batch-17'; Accept = 'application/hal+json'; 'X-Tags' = 'a', 'b' }
        $seen = @($server.Requests.ToArray() | Where-Object Path -EQ '/api/v2/Payment/Customers')
        $seen.Count | Should -Be 1
        $seen[0].Headers['X-Reference'] | Should -Be 'batch-17'
        $seen[0].Headers['Accept'] | Should -Be 'application/hal+json'
        $seen[0].Headers['X-Tags'] | Should -Be 'a, b'
        $seen[0].Headers['Authorization'] | Should -Match '^Bearer '
    }

    It 'refuses <Name> in -Headers, which the connection owns, before sending' -ForEach @(
        @{ Name = 'Authorization' }
        @{ Name = 'authorization' }
        @{ Name = 'HOST' }
        @{ Name = 'Proxy-Authorization' }
    ) {
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Invoke-SecuConnectRequest Payment/Customers -Headers @{ $Name = 'Bearer stolen-942' } }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidHeader,$cmdClass"
        $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Terminating.Exception.Message | Should -BeLike "*'$Name' is set by the connection*"
        "$($r.Terminating.ErrorDetails) $($r.Terminating.Exception.Message)" | Should -Not -Match 'stolen-942'
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }

    It 'refuses a header name or value HTTP does not allow, and a -ContentType that is no media type' -ForEach @(
        @{ Headers = @{ 'Bad Name' = 'x' }; ContentType = $null }
        @{ Headers = @{ 'X-Split' = "one`r`nX-Injected: two" }; ContentType = $null }
        @{ Headers = @{}; ContentType = 'not a type' }
    ) {
        Clear-SandboxRequestLog $sb
        $extra = @{}
        if ($ContentType) { $extra.ContentType = $ContentType }
        $r = Invoke-Captured { Invoke-SecuConnectRequest Post Payment/Customers -Body 'x' -Headers $Headers @extra }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidHeader,$cmdClass"
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }

    It 'sends a string body that is not JSON as the -ContentType given, with its charset' {
        $null = Invoke-SecuConnectRequest Post Payment/Customers -Connection $recorded -Body 'first line, not JSON' -ContentType text/plain
        $null = Invoke-SecuConnectRequest Post Payment/Customers -Connection $recorded -Body '<a>b</a>' -Headers @{ 'Content-Type' = 'application/xml; charset=utf-8' }
        $seen = @($server.Requests.ToArray() | Where-Object Method -EQ POST | Where-Object Path -EQ '/api/v2/Payment/Customers')
        $seen.Count | Should -Be 2
        $seen[0].Headers['Content-Type'] | Should -Be 'text/plain; charset=utf-8'
        $seen[0].Body | Should -Be 'first line, not JSON'
        $seen[1].Headers['Content-Type'] | Should -Be 'application/xml; charset=utf-8'
        $seen[1].Body | Should -Be '<a>b</a>'
    }

    It 'hands the API''s refusal of a body that is not JSON back with its status' {
        $null = Invoke-SecuConnectRequest Post Payment/Customers -Body 'plain words' -ContentType text/plain -StatusCodeVariable status -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be "ProductFormatException,$cmdClass"
        $errs[0].Exception.Message | Should -BeLike '*415*'
        $status | Should -Be 415
        @(Get-ApiRequest POST).Count | Should -Be 1
    }

    It 'keeps a hashtable body JSON and refuses it under another -ContentType' {
        $r = Invoke-Captured { Invoke-SecuConnectRequest Post Payment/Customers -Body @{ contact = @{ forename = 'A' } } -ContentType text/plain }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidBody,$cmdClass"
        $null = Invoke-SecuConnectRequest Post Payment/Customers -Connection $recorded -Body @{ contact = @{ forename = 'A' } } -ContentType 'application/json'
        $seen = @($server.Requests.ToArray() | Where-Object Method -EQ POST | Where-Object Path -EQ '/api/v2/Payment/Customers')
        $seen[0].Body | Should -Be '{"contact":{"forename":"A"}}'
        $seen[0].Headers['Content-Type'] | Should -Be 'application/json; charset=utf-8'
    }

    It 'shows header names with masked values in Debug, and a text body cut short and scrubbed' {
        $long = 'note for ada.private@example.com ' + ('x' * 400) + ' tail-after-cut'
        $records = & {
            Invoke-SecuConnectRequest Post Payment/Customers -Connection $recorded -Body $long -ContentType text/plain -Headers @{ 'X-Api-Key' = 'key-value-5521' } -Verbose -Debug
        } *>&1
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $line = @($debug -match '^POST \S+/Payment/Customers headers: X-Api-Key: \*\*\* body: note for \*\*\* x+… \(\d+ more\)$')
        $line.Count | Should -Be 1
        $text = ($debug + $verbose) -join "`n"
        $text | Should -Not -Match 'key-value-5521'
        $text | Should -Not -Match 'ada\.private@example\.com'
        $text | Should -Not -Match 'tail-after-cut'
    }

    It 'sends the headers again with every retry' {
        Add-SandboxFault $sb -Status 503 -Count 2 -RetryAfter 0 -Method GET -PathPrefix '/api/v2/Payment/Customers'
        $records = & { $DebugPreference = 'Continue'; Invoke-SecuConnectRequest Payment/Customers -Headers @{ 'X-Reference' = 'retry-3' } } *>&1
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -match '^GET \S+/Payment/Customers headers: X-Reference: \*\*\*$' }).Count | Should -Be 3
        @(Get-ApiRequest GET).Count | Should -Be 3
    }
}

Describe '-StatusCodeVariable and -ResponseHeadersVariable' {
    BeforeAll {
        $script:server = Start-RecordingServer
        $script:recorded = Connect-SecuConnect -BaseUri $server.BaseUri -Credential $sb.Credential -PassThru
        # Connect makes its connection the default: the sandbox's stays the default for the rest.
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    }
    AfterAll { Stop-RecordingServer $script:server }

    It 'sets the status and the headers in the caller''s scope, names case-insensitive, values string arrays' {
        Reset-Sandbox $sb
        $inner = & {
            $null = Invoke-SecuConnectRequest Payment/Customers -StatusCodeVariable code -ResponseHeadersVariable headers
            [pscustomobject]@{ Code = $code; Headers = $headers }
        }
        $inner.Code | Should -Be 200
        $inner.Code | Should -BeOfType [int]
        $inner.Headers | Should -BeOfType ([System.Collections.Generic.Dictionary[string, string[]]])
        $inner.Headers['content-type'] | Should -Be 'application/json; charset=UTF-8'
        , $inner.Headers['Content-Type'] | Should -BeOfType [string[]]
        Get-Variable code, headers -Scope Script -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'sets the status of an error answer' {
        $null = Invoke-SecuConnectRequest "Payment/Customers/PCU_$('Q' * 30)" -StatusCodeVariable status -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be "ProductNotFoundException,$cmdClass"
        $status | Should -Be 404
    }

    It 'never gives a cookie''s value' {
        $null = Invoke-SecuConnectRequest Payment/Customers -Connection $recorded -ResponseHeadersVariable headers
        $headers['Set-Cookie'] | Should -Be 'session=***; Path=/; HttpOnly'
        ($headers.Values | ForEach-Object { $_ }) -join ' ' | Should -Not -Match 'recording-cookie-7731'
        $headers.Keys | Should -Not -Contain 'Authorization'
    }
}

Describe '-OutputType' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:one = New-SandboxCustomer $sb @{ forename = 'Hash'; surname = 'Table'; address = @{ city = 'Bonn'; country = 'DE' } }
        $script:two = New-SandboxCustomer $sb @{ forename = 'Second'; surname = 'Table' }
    }

    It 'Hashtable writes ordered, nested hashtables with the API''s names and order' {
        $h = Invoke-SecuConnectRequest "Payment/Customers/$($one.id)" -OutputType Hashtable
        $h | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        $h.contact | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        $h.contact.address.city | Should -Be 'Bonn'
        $h['ID'] | Should -Be $one.id -Because 'keys match case-insensitively, as in [ordered]@{}'
        @($h.Keys) | Should -Be @((Get-SandboxCustomer $sb -Id $one.id).PSObject.Properties.Name)
    }

    It 'Hashtable writes each item of a list and of -All' {
        $page = @(Invoke-SecuConnectRequest Payment/Customers -OutputType Hashtable)
        $all = @(Invoke-SecuConnectRequest Payment/Customers -All -Query @{ count = 1 } -OutputType Hashtable)
        foreach ($items in $page, $all) {
            $items.Count | Should -Be 2
            $items | ForEach-Object { $_ | Should -BeOfType [System.Collections.Specialized.OrderedDictionary] }
            ($items.id | Sort-Object) | Should -Be (@($one.id, $two.id) | Sort-Object)
        }
    }

    It 'Json writes the answer''s text, and each item''s JSON with -All' {
        $text = Invoke-SecuConnectRequest "Payment/Customers/$($one.id)" -OutputType Json
        $text | Should -BeOfType [string]
        ($text | ConvertFrom-Json).id | Should -Be $one.id
        $items = @(Invoke-SecuConnectRequest Payment/Customers -All -OutputType Json)
        $items.Count | Should -Be 2
        ($items | ForEach-Object { ($_ | ConvertFrom-Json).id } | Sort-Object) | Should -Be (@($one.id, $two.id) | Sort-Object)
    }
}

Describe 'Completing the path' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:customer = New-SandboxCustomer $sb @{ forename = 'Tab'; surname = 'Complete' }
        $script:container = Invoke-SecuConnectRequest Post Payment/Containers -Body @{ type = 'bank_account'; customer = @{ id = $customer.id }; private = @{ owner = 'Tab Complete'; iban = 'DE89370400440532013000' } }
        $script:here = Get-Location
        Set-Location $TestDrive
        # A local file whose name the word also starts: the path is the API's, never a file.
        Set-Content -LiteralPath (Join-Path $TestDrive 'Payroll.csv') -Value 'x'
    }
    AfterAll { Set-Location $script:here }

    It 'offers the API''s resources, never local files: <Line>' -ForEach @(
        @{ Line = 'Invoke-SecuConnectRequest -Path Pay'; Expected = 'Payment/Customers', 'Payment/Containers', 'Payment/Transactions', 'Payment/Contracts', 'Payment/Subscriptions' }
        @{ Line = 'Invoke-SecuConnectRequest Get Payment/C'; Expected = 'Payment/Customers', 'Payment/Containers', 'Payment/Contracts' }
        @{ Line = 'Invoke-SecuConnectRequest -Uri /Payment/Cu'; Expected = , '/Payment/Customers' }
        @{ Line = 'Invoke-SecuConnectRequest Payment/T'; Expected = , 'Payment/Transactions' }
    ) {
        (Get-Completion $Line).CompletionText | Should -Be $Expected
    }

    It 'offers the methods first where the method goes, then the paths' {
        (Get-Completion 'Invoke-SecuConnectRequest P').CompletionText |
            Should -Be 'Post', 'Put', 'Patch', 'Payment/Customers', 'Payment/Containers', 'Payment/Transactions', 'Payment/Contracts', 'Payment/Subscriptions'
        (Get-Completion 'Invoke-SecuConnectRequest -Path Payment/Customers -Method P').CompletionText | Should -Be 'Post', 'Put', 'Patch'
    }

    It 'offers the ids of Payment/Customers/ and Payment/Containers/ from the connection, with a description' {
        $customers = Get-Completion "Invoke-SecuConnectRequest Get Payment/Customers/"
        $customers.CompletionText | Should -Be "Payment/Customers/$($customer.id)"
        $customers[0].ToolTip | Should -Be 'Tab Complete'
        $containers = Get-Completion "Invoke-SecuConnectRequest -Uri /Payment/Containers/PCT"
        $containers.CompletionText | Should -Be "/Payment/Containers/$($container.id)"
        $containers[0].ToolTip | Should -Be 'bank_account'
    }

    It 'asks the API once a minute for the same prefix' {
        Clear-SandboxRequestLog $sb
        $first = Get-Completion "Invoke-SecuConnectRequest Payment/Containers/"
        $second = Get-Completion "Invoke-SecuConnectRequest Payment/Containers/"
        $second.CompletionText | Should -Be $first.CompletionText
        @(Get-ApiRequest GET | Where-Object path -EQ '/api/v2/Payment/Containers').Count | Should -Be 1
    }

    It 'offers nothing, and no error, without a connection' {
        Disconnect-SecuConnect
        try {
            $Error.Clear()
            Get-Completion 'Invoke-SecuConnectRequest Payment/Customers/PCU' | Should -BeNullOrEmpty
            Get-Completion 'Invoke-SecuConnectRequest Payment/Containers/' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }
        finally {
            Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        }
    }
}
