# Invoke-SecuConnectRequest against the sandbox, through the customers resource: CRUD, lists and -All paging, the
# vendor's walk-through compared with the customer cmdlets, errors, retries, -WhatIf, the host check, -Raw, -OutFile
# and masking in Verbose and Debug.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    $script:secret = $sb.Credential.GetNetworkCredential().Password
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    $script:cmdClass = 'SecuConnect.Commands.InvokeSecuConnectRequestCommand'
    $script:missing = 'PCU_' + ('Q' * 30)

    # Splits captured output into objects, Verbose and Debug records.
    function Split-Streams($Records) {
        [pscustomobject]@{
            Output  = @($Records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.DebugRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
            Verbose = @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            Debug   = @($Records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        }
    }
    function New-Customers([int] $Count) {
        1..$Count | ForEach-Object { New-SandboxCustomer $sb @{ forename = "Page$_"; surname = 'Walker' } }
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Create, read, update and delete through Payment/Customers' {
    BeforeEach {
        Clear-SandboxFault $sb
        Clear-SandboxRequestLog $sb
    }

    It 'POST creates the customer from a hashtable with the API''s names and writes the answer as an object' {
        $body = @{ contact = @{ forename = 'Ada'; surname = 'Lovelace'; address = @{ postal_code = 'W1 1AA'; street_number = '12'; city = 'London'; country = 'GB' } } }
        $created = Invoke-SecuConnectRequest Post Payment/Customers -Body $body
        @($created).Count | Should -Be 1
        $created | Should -BeOfType [pscustomobject]
        $created.id | Should -Match '^PCU_[A-Z0-9]{30}$'
        $created.contact.address.postal_code | Should -Be 'W1 1AA'
        $stored = Get-SandboxCustomer $sb -Id $created.id
        $stored.contact.forename | Should -Be 'Ada'
        $stored.contact.address.street_number | Should -Be '12'
        $stored.contact.address.postal_code | Should -Be 'W1 1AA'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST).Count | Should -Be 1
    }

    It 'GET by id writes the API''s record, the same one Get-SecuCustomer reads' {
        $c = New-SandboxCustomer $sb @{ forename = 'Grace'; surname = 'Hopper'; email = 'grace@example.com'; address = @{ city = 'Arlington'; country = 'US' } }
        $got = Invoke-SecuConnectRequest Get "Payment/Customers/$($c.id)"
        $got.id | Should -Be $c.id
        ($got | ConvertTo-Json -Depth 8 -Compress) | Should -Be (Get-SandboxCustomer $sb -Id $c.id | ConvertTo-Json -Depth 8 -Compress)
        $typed = Get-SecuCustomer -Id $c.id
        $typed.Email | Should -Be $got.contact.email
        $typed.City | Should -Be $got.contact.address.city
        $typed.Created | Should -Be ([datetimeoffset] $got.created)
    }

    It 'accepts /api/v2/..., an absolute URL on the connection''s host, and a query string in the path' {
        $c = New-SandboxCustomer $sb @{ forename = 'Path'; surname = 'Forms' }
        (Invoke-SecuConnectRequest Get "/api/v2/Payment/Customers/$($c.id)").id | Should -Be $c.id
        (Invoke-SecuConnectRequest Get "$($sb.BaseUri)/api/v2/Payment/Customers/$($c.id)").id | Should -Be $c.id
        (Invoke-SecuConnectRequest Get "Payment/Customers/../Customers/$($c.id)").id | Should -Be $c.id
        Clear-SandboxRequestLog $sb
        $null = Invoke-SecuConnectRequest Get 'Payment/Customers?count=1&sort=contact.surname:asc' -Query @{ count = 3; fields = 'id', 'created' }
        $log = @(Get-SandboxListRequest $sb)
        $log.Count | Should -Be 1
        $q = [System.Web.HttpUtility]::ParseQueryString($log[0].query)
        $q['count'] | Should -Be '3' -Because '-Query overrides the same parameter in the path'
        $q['sort'] | Should -Be 'contact.surname:asc'
        $q['fields'] | Should -Be 'id,created'
    }

    It 'PUT replaces the contact and writes the updated record' {
        $c = New-SandboxCustomer $sb @{ forename = 'Old'; surname = 'Name'; address = @{ city = 'Bonn' } }
        $updated = Invoke-SecuConnectRequest Put "Payment/Customers/$($c.id)" -Body @{ contact = @{ forename = 'New'; surname = 'Name' } } -Confirm:$false
        $updated.contact.forename | Should -Be 'New'
        $stored = Get-SandboxCustomer $sb -Id $c.id
        $stored.contact.forename | Should -Be 'New'
        $stored.contact.PSObject.Properties['address'] | Should -BeNullOrEmpty -Because 'PUT replaces the whole contact'
        @(Get-SandboxRequestLog $sb -Path "*/Payment/Customers/$($c.id)" -Method PUT).Count | Should -Be 1
    }

    It 'DELETE removes the customer and writes the deleted record from the answer''s array' {
        $c = New-SandboxCustomer $sb @{ forename = 'Gone'; surname = 'Soon' }
        $deleted = @(Invoke-SecuConnectRequest Delete "Payment/Customers/$($c.id)")
        $deleted.Count | Should -Be 1
        $deleted[0].id | Should -Be $c.id
        Get-SandboxCustomer $sb -Id $c.id | Should -BeNullOrEmpty
    }
}

Describe 'List answers and -All' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:five = @(New-Customers 5)
    }
    BeforeEach { Clear-SandboxRequestLog $sb }

    It 'writes the items of one page one by one and the total to Verbose' {
        $r = Split-Streams (Invoke-SecuConnectRequest Get Payment/Customers -Query @{ count = 2 } -Verbose 4>&1)
        $r.Output.Count | Should -Be 2
        $r.Output | ForEach-Object { $_.id | Should -BeIn $five.id }
        ($r.Verbose -join "`n") | Should -Match '2 of 5 items'
        @(Get-SandboxListRequest $sb).Count | Should -Be 1
    }

    It '-All reads every page through the scroll search: five items, three requests of two' {
        $r = Split-Streams (Invoke-SecuConnectRequest Get Payment/Customers -All -Query @{ count = 2 } -Verbose 4>&1)
        @($r.Output.id | Sort-Object) | Should -Be @($five.id | Sort-Object)
        ($r.Verbose -join "`n") | Should -Match '5 items in total'
        $log = @(Get-SandboxListRequest $sb)
        $log.Count | Should -Be 3
        $first = [System.Web.HttpUtility]::ParseQueryString($log[0].query)
        $first['count'] | Should -Be '2'
        $first['scroll_expire'] | Should -Not -BeNullOrEmpty
        $log[1].query | Should -Match '^scroll_id='
    }

    It '-All passes filters and sort on to the listing' {
        $r = @(Invoke-SecuConnectRequest Get Payment/Customers -All -Query @{ count = 2; q = 'contact.forename:Page1 OR contact.forename:Page4'; sort = 'contact.forename:desc' })
        $r.contact.forename | Should -Be 'Page4', 'Page1'
    }

    It '-All under Select-Object -First 1 sends a single request' {
        $one = Invoke-SecuConnectRequest Get Payment/Customers -All -Query @{ count = 2 } | Select-Object -First 1
        $one.id | Should -BeIn $five.id
        @(Get-SandboxListRequest $sb).Count | Should -Be 1
    }

    It '-All with an expired token mid-listing renews it once and finishes the listing' {
        $tokensBefore = @(Get-SandboxRequestLog $sb -Path '/oauth/token').Count
        $n = 0
        $items = Invoke-SecuConnectRequest Get Payment/Customers -All -Query @{ count = 2 } | ForEach-Object {
            if (++$n -eq 1) { Invoke-SandboxTokenExpiry $sb }
            $_
        }
        @($items).Count | Should -Be 5
        @(Get-SandboxRequestLog $sb -Path '/oauth/token').Count | Should -Be ($tokensBefore + 1)
    }

    It '-All refuses other methods and offset before sending' {
        $r = Invoke-Captured { Invoke-SecuConnectRequest Post Payment/Customers -All -Body @{ contact = @{ surname = 'X' } } -Confirm:$false }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "AllNeedsGet,$cmdClass"
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get Payment/Customers -All -Query @{ offset = 2 } }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidQuery,$cmdClass"
        @(Get-SandboxRequestLog $sb -Path '/api/*').Count | Should -Be 0
    }

    It '-All on an answer that is no list is an InvalidResponse error' {
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get "Payment/Customers/$($five[0].id)" -All }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "InvalidResponse,$cmdClass"
    }
}

Describe 'The vendor''s CRUD walk-through, compared with the customer cmdlets' {
    It 'creates, updates, reads, lists and deletes with the same results' {
        Reset-Sandbox $sb
        # As in the guide: forename "Hacker", surname "John R.", an address in Wroclaw; then surname "John Random".
        $address = [ordered]@{ country = 'PL'; city = 'Wroclaw'; street = 'Kurkowa'; postal_code = '50-000'; street_number = '14' }
        $dto = @{ contact = [ordered]@{ surname = 'John R.'; forename = 'Hacker'; address = $address } }
        $viaInvoke = Invoke-SecuConnectRequest Post Payment/Customers -Body $dto
        $viaCmdlet = New-SecuCustomer -Surname 'John R.' -Forename Hacker -Country PL -City Wroclaw -Street Kurkowa -PostalCode 50-000 -StreetNumber 14
        ($viaInvoke.contact | ConvertTo-Json -Depth 5 -Compress) | Should -Be ((Get-SandboxCustomer $sb -Id $viaCmdlet.Id).contact | ConvertTo-Json -Depth 5 -Compress)

        $dto.contact.surname = 'John Random'
        $updated = Invoke-SecuConnectRequest Put "Payment/Customers/$($viaInvoke.id)" -Body $dto
        $viaCmdlet | Set-SecuCustomer -Surname 'John Random'
        $updated.contact.name | Should -Be 'Hacker John Random'
        ($updated.contact | ConvertTo-Json -Depth 5 -Compress) | Should -Be ((Get-SandboxCustomer $sb -Id $viaCmdlet.Id).contact | ConvertTo-Json -Depth 5 -Compress)

        $byId = Invoke-SecuConnectRequest Get "Payment/Customers/$($viaInvoke.id)"
        $a = Get-SecuCustomer -Id $byId.id
        $b = Get-SecuCustomer -Id $viaCmdlet.Id
        foreach ($p in 'Name', 'Forename', 'Surname', 'Street', 'StreetNumber', 'PostalCode', 'City', 'Country', 'ContractId') {
            $a.$p | Should -Be $b.$p -Because $p
        }

        $list = @(Invoke-SecuConnectRequest Get Payment/Customers)
        @($list.id | Sort-Object) | Should -Be @((Get-SecuCustomer).Id | Sort-Object)

        $deleted = Invoke-SecuConnectRequest Delete "Payment/Customers/$($viaInvoke.id)"
        $removed = Remove-SecuCustomer -Id $viaCmdlet.Id -Force -PassThru
        $deleted.contact.surname | Should -Be $removed.Surname
        @(Get-SecuCustomer).Count | Should -Be 0
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get "Payment/Customers/$($viaInvoke.id)" }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "ProductNotFoundException,$cmdClass"
    }
}

Describe 'Errors' {
    BeforeEach { Clear-SandboxRequestLog $sb }

    It 'an unknown id is a non-terminating ProductNotFoundException with the supportId and the path as target' {
        $path = "Payment/Customers/$missing"
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get $path; 'after' }
        $r.Output | Should -Be 'after'
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be "ProductNotFoundException,$cmdClass"
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be $path
        $e.Exception.SupportId | Should -Match '^[0-9a-f]{32}$'
        $e.ErrorDetails.Message | Should -Match "supportId $($e.Exception.SupportId)"
        $e.ErrorDetails.Message | Should -Match ([regex]::Escape($missing))
        $e.Exception.StatusCode | Should -Be 404
    }

    It 'an unknown resource path is a 404 ProductNotFoundException' {
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get Payment/NoSuchResource }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "ProductNotFoundException,$cmdClass"
        $r.Errors[0].ErrorDetails.Message | Should -Match 'Payment/NoSuchResource'
        @(Get-SandboxRequestLog $sb -Path '/api/v2/Payment/NoSuchResource').status | Should -Be 404
    }

    It 'a value the API rejects is ProductFormatException (InvalidData) naming the field' {
        $r = Invoke-Captured { Invoke-SecuConnectRequest Post Payment/Customers -Body @{ contact = @{ surname = 'Bad'; dob = 'not-a-date' } } }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "ProductFormatException,$cmdClass"
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Errors[0].ErrorDetails.Message | Should -Match 'dob'
    }

    It 'a method the resource does not allow keeps the API''s exception name' {
        $c = New-SandboxCustomer $sb @{ forename = 'Patch'; surname = 'Me' }
        $r = Invoke-Captured { Invoke-SecuConnectRequest Patch "Payment/Customers/$($c.id)" -Body @{ contact = @{ surname = 'X' } } }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "ProductNotAllowedException,$cmdClass"
        $r.Errors[0].Exception.StatusCode | Should -Be 405
        # docs/errors.md: a status no rule covers is InvalidOperation, whatever the API calls it.
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'a body or query that cannot be sent stops before sending' -ForEach @(
        @{ Case = 'a string that is not JSON'; Params = @{ Method = 'Post'; Body = '{"contact": ' }; Id = 'InvalidBody' }
        @{ Case = 'a body on a GET'; Params = @{ Method = 'Get'; Body = @{ a = 1 } }; Id = 'InvalidBody' }
        @{ Case = 'a SecureString in the body'; Params = @{ Method = 'Post'; Body = @{ secret = (ConvertTo-SecureString 'x' -AsPlainText -Force) } }; Id = 'InvalidBody' }
        @{ Case = 'a table as a query value'; Params = @{ Method = 'Get'; Query = @{ q = @{ a = 1 } } }; Id = 'InvalidQuery' }
        @{ Case = 'a missing folder for -OutFile'; Params = @{ Method = 'Get'; OutFile = '/no/such/folder/x.json' }; Id = 'InvalidOutFile' }
    ) {
        $p = $Params.Clone()
        $r = Invoke-Captured { Invoke-SecuConnectRequest -Path Payment/Customers @p -Confirm:$false; 'after' }
        $r.Output | Should -Not -Contain 'after'
        $r.Terminating.FullyQualifiedErrorId | Should -Be "$Id,$cmdClass"
        $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-SandboxRequestLog $sb -Path '/api/*').Count | Should -Be 0
    }
}

Describe 'Retries and unknown outcomes' {
    BeforeEach {
        Clear-SandboxFault $sb
        $script:c = New-SandboxCustomer $sb @{ forename = 'Retry'; surname = 'Me' }
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'a GET is repeated after two 503s and then succeeds' {
        Add-SandboxFault $sb -Status 503 -Count 2 -RetryAfter 0 -Method GET -PathPrefix '/api/v2/Payment/Customers'
        $got = Invoke-SecuConnectRequest Get "Payment/Customers/$($c.id)" -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $got.id | Should -Be $c.id
        @(Get-SandboxRequestLog $sb -Path "*/Payment/Customers/$($c.id)" -Method GET).status | Should -Be 503, 503, 200
    }

    It 'a PUT is repeated after a 502, as repeating it is harmless' {
        Add-SandboxFault $sb -Status 502 -Count 1 -Method PUT -PathPrefix '/api/v2/Payment/Customers'
        $updated = Invoke-SecuConnectRequest Put "Payment/Customers/$($c.id)" -Body @{ contact = @{ forename = 'Retried'; surname = 'Me' } } -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $updated.contact.forename | Should -Be 'Retried'
        @(Get-SandboxRequestLog $sb -Path "*/Payment/Customers/$($c.id)" -Method PUT).status | Should -Be 502, 200
    }

    It 'a POST whose answer was lost (502 after the change) is sent once and reported as OutcomeUnknown' {
        $before = @(Get-SandboxCustomer $sb).Count
        Add-SandboxFault $sb -Status 502 -Count 1 -Method POST -PathPrefix '/api/v2/Payment/Customers' -Phase after
        $r = Invoke-Captured { Invoke-SecuConnectRequest Post Payment/Customers -Body @{ contact = @{ forename = 'Maybe'; surname = 'Created' } } }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "OutcomeUnknown,$cmdClass"
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $r.Errors[0].Exception.Message | Should -Match 'may or may not have taken effect'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Invoke-SecuConnectRequest'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST).Count | Should -Be 1
        @(Get-SandboxCustomer $sb).Count | Should -Be ($before + 1)
    }

    It 'a PATCH is never re-sent after a 502 either' {
        Add-SandboxFault $sb -Status 502 -Count 3 -Method PATCH -PathPrefix '/api/v2/Payment/Customers'
        $r = Invoke-Captured { Invoke-SecuConnectRequest Patch "Payment/Customers/$($c.id)" -Body @{ contact = @{ surname = 'X' } } }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "OutcomeUnknown,$cmdClass"
        @(Get-SandboxRequestLog $sb -Method PATCH).Count | Should -Be 1
    }

    It 'a POST the server did not process (503) is sent again' {
        Add-SandboxFault $sb -Status 503 -Count 1 -RetryAfter 0 -Method POST -PathPrefix '/api/v2/Payment/Customers'
        $created = Invoke-SecuConnectRequest Post Payment/Customers -Body @{ contact = @{ forename = 'Second'; surname = 'Try' } }
        $created.id | Should -Match '^PCU_'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST).status | Should -Be 503, 200
    }
}

Describe '-WhatIf and confirmation' {
    BeforeEach {
        $script:c = New-SandboxCustomer $sb @{ forename = 'What'; surname = 'If' }
        Clear-SandboxRequestLog $sb
    }

    It '<Method> -WhatIf sends nothing' -ForEach @(
        @{ Method = 'Post'; Path = 'Payment/Customers'; Body = @{ contact = @{ surname = 'Never' } } }
        @{ Method = 'Put'; Path = 'ITEM'; Body = @{ contact = @{ surname = 'Never' } } }
        @{ Method = 'Patch'; Path = 'ITEM'; Body = @{ contact = @{ surname = 'Never' } } }
        @{ Method = 'Delete'; Path = 'ITEM'; Body = $null }
    ) {
        $target = if ($Path -eq 'ITEM') { "Payment/Customers/$($c.id)" } else { $Path }
        $r = Invoke-RecordingHost $sb { param($M, $T, $B) Invoke-SecuConnectRequest $M $T -Body $B -WhatIf } -ArgumentList $Method, $target, $Body
        $r.Output | Should -BeNullOrEmpty
        @($r.Lines -like 'What if:*').Count | Should -Be 1
        @(Get-SandboxRequestLog $sb -Path '/api/*' | Where-Object method -ne GET) | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $c.id).contact.surname | Should -Be 'If'
    }

    It 'a GET runs under -WhatIf and under $WhatIfPreference, as it changes nothing' {
        (Invoke-SecuConnectRequest Get "Payment/Customers/$($c.id)" -WhatIf).id | Should -Be $c.id
        $WhatIfPreference = $true
        try { (Invoke-SecuConnectRequest Get "Payment/Customers/$($c.id)").id | Should -Be $c.id }
        finally { $WhatIfPreference = $false }
        @(Get-SandboxRequestLog $sb -Path "*/Payment/Customers/$($c.id)" -Method GET).Count | Should -Be 2
    }

    It '$WhatIfPreference keeps a DELETE from being sent' {
        $r = Invoke-RecordingHost $sb { param($T) $WhatIfPreference = $true; Invoke-SecuConnectRequest Delete $T } -ArgumentList "Payment/Customers/$($c.id)"
        @($r.Lines -like 'What if:*').Count | Should -Be 1
        @(Get-SandboxRequestLog $sb -Method DELETE) | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $c.id | Should -Not -BeNullOrEmpty
    }
}

Describe 'The token goes only to the connection''s API' {
    BeforeEach { Clear-SandboxRequestLog $sb }

    It 'refuses <Case> with a terminating ForeignUrl before sending anything' -ForEach @(
        @{ Case = 'another host'; Url = 'http://example.invalid/api/v2/Payment/Customers' }
        @{ Case = 'another port'; Url = 'PORT' }
        @{ Case = 'another scheme'; Url = 'HTTPS' }
        @{ Case = 'a network-path reference'; Url = '//example.invalid/api/v2/Payment/Customers' }
        @{ Case = 'user info in the URL'; Url = 'USERINFO' }
    ) {
        $u = [uri] $sb.BaseUri
        $url = switch ($Url) {
            'PORT' { "http://127.0.0.1:$(Get-FreeTcpPort)/api/v2/Payment/Customers" }
            'HTTPS' { "https://$($u.Authority)/api/v2/Payment/Customers" }
            'USERINFO' { "http://someone@$($u.Authority)/api/v2/Payment/Customers" }
            default { $Url }
        }
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get $url; 'after' }
        $r.Output | Should -Not -Contain 'after'
        $r.Terminating.FullyQualifiedErrorId | Should -Be "ForeignUrl,$cmdClass"
        $r.Terminating.CategoryInfo.Category | Should -Be 'SecurityError'
        # The target is the URL as every stream shows it: without user info, which may be a password.
        $r.Terminating.TargetObject | Should -Be ($url -replace '//[^/@]+@', '//')
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }

    It 'refuses a path that leaves /api/v2: <Path>' -ForEach @(
        @{ Path = 'Payment/../../../oauth/token' }
        @{ Path = '..\..\oauth\token' }
        @{ Path = 'Payment/%2e%2e/%2e%2e/%2e%2e/health' }
        @{ Path = '/oauth/token' }
        @{ Path = 'Payment/Customers%2F..%2F..' }
    ) {
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get $Path }
        $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidPath,$cmdClass"
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }
}

Describe '-Raw and -OutFile' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:two = @(New-Customers 2)
    }

    It '-Raw writes the answer''s text as one string' {
        $raw = Invoke-SecuConnectRequest Get Payment/Customers -Raw
        $raw | Should -BeOfType [string]
        @($raw).Count | Should -Be 1
        $parsed = $raw | ConvertFrom-Json
        $parsed.count | Should -Be 2
        @($parsed.data.id | Sort-Object) | Should -Be @($two.id | Sort-Object)
    }

    It '-Body takes a JSON string as it is' {
        $json = '{"contact":{"forename":"Json","surname":"String","address":{"postal_code":"01067"}}}'
        $created = Invoke-SecuConnectRequest Post Payment/Customers -Body $json -Raw | ConvertFrom-Json
        (Get-SandboxCustomer $sb -Id $created.id).contact.address.postal_code | Should -Be '01067'
    }

    It '-OutFile writes the answer''s bytes and nothing to the pipeline' {
        $file = Join-Path $TestDrive 'customer.json'
        $out = Invoke-SecuConnectRequest Get "Payment/Customers/$($two[0].id)" -OutFile $file
        $out | Should -BeNullOrEmpty
        $file | Should -Exist
        $expected = Invoke-WebRequest -Uri "$($sb.BaseUri)/api/v2/Payment/Customers/$($two[0].id)" -Headers @{ Authorization = "Bearer $(Get-SandboxToken $sb -Renew)" } -Verbose:$false -Debug:$false
        [System.IO.File]::ReadAllBytes($file) | Should -Be ([System.Text.Encoding]::UTF8.GetBytes($expected.Content))
    }

    It '-OutFile keeps the bytes when Debug is on' {
        $file = Join-Path $TestDrive 'debug.json'
        $DebugPreference = 'Continue'
        $records = Invoke-SecuConnectRequest Get "Payment/Customers/$($two[1].id)" -OutFile $file 5>&1
        $DebugPreference = 'SilentlyContinue'
        (Get-Content -LiteralPath $file -Raw | ConvertFrom-Json).id | Should -Be $two[1].id
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -match 'written to the file' }).Count | Should -Be 1
    }
}

Describe 'Verbose and Debug' {
    It 'writes one Verbose line per request and masks the secret, tokens, personal and bank data' {
        Reset-Sandbox $sb
        $email = 'private.invoke@example.com'
        $phone = '+49301234599'
        $iban = 'DE89370400440532013000'
        $token = Get-SandboxToken $sb -Renew
        $file = Join-Path $TestDrive 'masked.json'
        $records = & {
            Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -Verbose -Debug
            $c = Invoke-SecuConnectRequest Post Payment/Customers -Body @{ contact = @{ forename = 'Private'; surname = 'Invoke'; email = $email; phone = $phone } } -Verbose -Debug
            Invoke-SecuConnectRequest Get "Payment/Customers/$($c.id)" -Verbose -Debug
            Invoke-SecuConnectRequest Put "Payment/Customers/$($c.id)" -Body @{ contact = @{ forename = 'Private'; surname = 'Invoke'; email = $email; phone = $phone } } -Verbose -Debug
            Invoke-SecuConnectRequest Get Payment/Customers -All -Query @{ count = 1; q = "contact.email:$email" } -Verbose -Debug
            Invoke-SecuConnectRequest Get Payment/Customers -OutFile $file -Verbose -Debug
            $pct = Invoke-SecuConnectRequest Post Payment/Containers -Body @{ type = 'bank_account'; customer = @{ id = $c.id }; private = @{ owner = 'Private Invoke'; iban = $iban } } -Verbose -Debug
            Invoke-SecuConnectRequest Get Payment/Containers -All -Query @{ q = "customer.id:$($c.id)" } -Verbose -Debug
            Invoke-SecuConnectRequest Delete "Payment/Containers/$($pct.id)" -Verbose -Debug
            Invoke-SecuConnectRequest Delete "Payment/Customers/$($c.id)" -Verbose -Debug
        } *>&1
        $all = (@($records | ForEach-Object { "$_"; if ($_ -is [System.Management.Automation.ErrorRecord]) { "$($_.ErrorDetails) $($_.Exception)" } }) +
            ($records | Format-List * -Force | Out-String -Width 400)) -join "`n"
        $all | Should -Not -Match ([regex]::Escape($secret))
        $all | Should -Not -Match ([regex]::Escape($token))
        $all | Should -Not -MatchExactly '(?<![0-9a-zA-Z])[0-9a-v]{26}(?![0-9a-zA-Z])'

        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        ($verbose -match '^POST http\S+/api/v2/Payment/Customers -> 200 \(\d+ ms\)$').Count | Should -Be 1
        ($verbose -match '^PUT http\S+/api/v2/Payment/Customers/PCU_\w+ -> 200').Count | Should -Be 1
        ($verbose -match '^DELETE http\S+/api/v2/Payment/Customers/PCU_\w+ -> 200').Count | Should -Be 1
        ($verbose -match '^POST http\S+/api/v2/Payment/Containers -> 200').Count | Should -Be 1
        ($verbose -match '^DELETE http\S+/api/v2/Payment/Containers/PCT_\w+ -> 200').Count | Should -Be 1
        ($debug -match '^POST \S+/Payment/Customers body: .*"email":"\*\*\*"').Count | Should -Be 1
        ($debug -match '^POST \S+/Payment/Containers body: .*"iban":"\*\*\*"').Count | Should -Be 1
        $text = ($verbose + $debug) -join "`n"
        $text | Should -Not -Match ([regex]::Escape($email))
        $text | Should -Not -Match ([regex]::Escape($phone))
        $text | Should -Not -Match $iban
        $text | Should -Not -Match 'Private Invoke'
    }
}

Describe 'The README''s container example' {
    It 'lists a customer''s bank accounts from the sandbox, as the README shows it' {
        Reset-Sandbox $sb
        # The README's own line, with its example customer id replaced by one the sandbox holds.
        $readme = Get-Content -LiteralPath (Join-Path $PSScriptRoot '../README.md') -Raw
        $line = [regex]::Match($readme, '(?m)^Invoke-SecuConnectRequest Get Payment/Containers .*$').Value
        $exampleId = [regex]::Match($line, "customer\.id:(PCU_[A-Z0-9]{30})").Groups[1].Value
        $exampleId | Should -Match '^PCU_[A-Z0-9]{30}$'
        $ada = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace' }
        $alan = New-SandboxCustomer $sb @{ forename = 'Alan'; surname = 'Turing' }
        $accounts = foreach ($link in @(@($ada.id, 'DE89370400440532013000'), @($alan.id, 'DE89370400440532013000'), @($ada.id, 'DE02100100100006820101'))) {
            Invoke-SandboxApi $sb POST '/Payment/Containers' -Body @{ type = 'bank_account'; customer_id = $link[0]; private = @{ owner = 'Account Holder'; iban = $link[1] } }
        }
        Clear-SandboxRequestLog $sb

        $listed = @(& ([scriptblock]::Create($line.Replace($exampleId, $ada.id))))

        @($listed.id) | Should -Be @($accounts[0].id, $accounts[2].id)
        $listed.customer.id | Sort-Object -Unique | Should -Be $ada.id
        $listed[1].private.iban | Should -Be 'DE02100100100006820101'
        $listed[1].private.bic | Should -Be 'PBNKDEFFXXX'
        $lists = @(Get-SandboxRequestLog $sb -Path '/api/v2/Payment/Containers' -Method GET)
        $lists.Count | Should -BeGreaterOrEqual 1
        [System.Web.HttpUtility]::ParseQueryString($lists[0].query)['q'] | Should -Be "customer.id:$($ada.id)"
    }
}
