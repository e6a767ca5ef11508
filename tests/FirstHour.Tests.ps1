# A new user's first hour: errors that name the real cause (wrong address, closed port, bad token, an empty answer),
# tables and lists that read well at common console widths, help whose example code runs, and -Id with paging.

BeforeDiscovery {
    $docsPath = Join-Path $PSScriptRoot '../docs/en-US'
    # Every example that shows sample output: its page and the output's first line.
    $script:OutputExamples = foreach ($file in Get-ChildItem $docsPath -Filter *.md | Where-Object Name -notlike 'about_*') {
        $lines = (Get-Content -LiteralPath $file.FullName) -replace "`r$", ''
        $title = $null; $inExamples = $false
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^## ') { $inExamples = $lines[$i] -eq '## EXAMPLES'; continue }
            if (-not $inExamples) { continue }
            if ($lines[$i] -match '^### (.+)$') { $title = $Matches[1] }
            elseif ($lines[$i] -eq '```output') {
                $first = $lines[$i + 1]
                @{ Command = $file.BaseName; Title = $title; FirstLine = $first }
            }
        }
    }
    $script:BulkCommands = 'New-SecuCustomer', 'Set-SecuCustomer', 'Remove-SecuCustomer' | ForEach-Object { @{ Command = $_ } }
    $script:Widths = @(
        @{ Width = 80; Columns = 'Id', 'Name', 'Email' }
        @{ Width = 120; Columns = 'Id', 'Name', 'Email', 'City', 'Country', 'Created' }
        @{ Width = 160; Columns = 'Id', 'Name', 'Email', 'City', 'Country', 'Created', 'CompanyName' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function New-SecureText([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    # A stand-in for the API on 127.0.0.1 that answers each request from a table of "METHOD path-pattern" ->
    # @{ Status; Body } (first match wins; the token endpoint answers a token unless the table says otherwise) and
    # records method, path and query. It serves answers the sandbox never gives, such as an older API's 200 {}.
    function Start-StubServer([System.Collections.Specialized.OrderedDictionary] $Routes) {
        $port = Get-FreeTcpPort
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $requests = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $job = Start-ThreadJob -ArgumentList $listener, $requests, $Routes -ScriptBlock {
            param($listener, $requests, $routes)
            while ($listener.IsListening) {
                try { $ctx = $listener.GetContext() } catch { break }
                $method = $ctx.Request.HttpMethod; $path = $ctx.Request.Url.AbsolutePath
                $requests.Enqueue([pscustomobject]@{ Method = $method; Path = $path; Query = $ctx.Request.Url.Query })
                $answer = $null
                foreach ($k in $routes.Keys) { if ("$method $path" -like $k) { $answer = $routes[$k]; break } }
                if (-not $answer) {
                    $answer = if ($path -like '*/oauth/token') { @{ Status = 200; Body = '{"access_token":"stubtokenstubtokenstubtoken","expires_in":1200,"token_type":"bearer"}' } }
                    else { @{ Status = 404; Body = '{"status":"error","error":"ProductNotFoundException","code":404}' } }
                }
                $bytes = [System.Text.Encoding]::UTF8.GetBytes($answer.Body)
                $ctx.Response.StatusCode = $answer.Status
                $ctx.Response.ContentType = 'application/json; charset=UTF-8'
                $ctx.Response.ContentLength64 = $bytes.Length
                $ctx.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                $ctx.Response.Close()
            }
        }
        [pscustomobject]@{ BaseUri = "http://127.0.0.1:$port"; Requests = $requests; Listener = $listener; Job = $job }
    }

    # Connects to the sandbox again and makes sure no test leaves a different default behind.
    function Restore-DefaultConnection { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'A GET by id that answers 200 {}' {
    BeforeAll {
        $script:stubId = 'PCU_' + ('E' * 30)
        $routes = [ordered]@{ "GET */Payment/Customers/$stubId" = @{ Status = 200; Body = '{}' } }
        $script:stub = Start-StubServer $routes
        $script:stubConn = Connect-SecuConnect -BaseUri $stub.BaseUri -Credential $sb.Credential -PassThru
        Restore-DefaultConnection
    }
    AfterAll { Stop-RecordingServer $script:stub }

    It 'is reported as ProductNotFoundException, not written as an empty customer<_>' -ForEach '', ' (with -Debug, which reads the body as text)' {
        $debug = if ($_) { 'Continue' } else { 'SilentlyContinue' }
        $r = Invoke-Captured { & { $DebugPreference = $debug; Get-SecuCustomer -Id $stubId -Connection $stubConn 5>$null } }
        $r.Output | Should -BeNullOrEmpty
        $r.Terminating | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ProductNotFoundException,SecuConnect.Commands.GetSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].TargetObject | Should -Be $stubId
        $r.Errors[0].ErrorDetails.Message | Should -Match ([regex]::Escape($stubId) + '.*not found.*HTTP 200')
    }

    It 'stops Set-SecuCustomer before it sends a PUT' {
        $before = $stub.Requests.Count
        $r = Invoke-Captured { Set-SecuCustomer -Id $stubId -City Nowhere -Connection $stubConn }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ProductNotFoundException,SecuConnect.Commands.SetSecuCustomerCommand'
        $sent = @($stub.Requests.ToArray() | Select-Object -Skip $before)
        $sent.Method | Should -Not -Contain 'PUT'
        $sent.Method | Should -Contain 'GET'
    }
}

Describe 'Connect-SecuConnect names the real cause' {
    BeforeEach { Clear-SandboxRequestLog $sb }
    AfterAll { Restore-DefaultConnection }

    It 'says the base URI is wrong when the token endpoint answers 404, not that the credentials were rejected' {
        Restore-DefaultConnection
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Connect-SecuConnect -BaseUri "$($sb.BaseUri)/foo" -Credential $sb.Credential }
        $r.Terminating | Should -Not -BeNullOrEmpty
        $e = $r.Terminating
        $e.FullyQualifiedErrorId | Should -Be 'TokenEndpointNotFound,SecuConnect.Commands.ConnectSecuConnectCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($e.TargetObject)".TrimEnd('/') | Should -Be "$($sb.BaseUri)/foo"
        $e.ErrorDetails.Message | Should -Match ([regex]::Escape("'$($sb.BaseUri)/foo'") + ' looks wrong')
        $e.ErrorDetails.Message | Should -Not -Match 'credentials'
        $e.ErrorDetails.RecommendedAction | Should -Match 'host root'
        $log = @(Get-SandboxRequestLog $sb -Path '*/oauth/token')
        $log.Count | Should -Be 1
        $log[0].status | Should -Be 404
        # A failed connect leaves no default connection: nothing goes on against the previous one.
        Get-SecuConnectContext | Should -BeNullOrEmpty
    }

    It 'fails at once on a closed port, without retries, and names the address it tried' {
        $port = Get-FreeTcpPort
        $r = Invoke-Captured { Connect-SecuConnect -BaseUri "http://127.0.0.1:$port" -Credential $sb.Credential -Verbose 4>&1 }
        $e = $r.Terminating
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -Be 'ServiceUnavailable,SecuConnect.Commands.ConnectSecuConnectCommand'
        $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e.ErrorDetails.Message | Should -Match "127\.0\.0\.1:$port"
        $e.ErrorDetails.Message | Should -Match '1 attempt, not retried'
        $e.ErrorDetails.RecommendedAction | Should -Match '-BaseUri'
        $verbose = @($r.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($verbose | Where-Object { $_ -like 'POST *oauth/token -> connection failed*' }).Count | Should -Be 1
        $verbose | Where-Object { $_ -like 'Retrying*' } | Should -BeNullOrEmpty
    }

    It 'keeps retrying refused connections in later calls' {
        $port = Get-FreeTcpPort
        $conn = Connect-SecuConnect -BaseUri "http://127.0.0.1:$port" -AccessToken (New-SecureText 'offline-token') -SkipCheck `
            -MaximumRetryCount 2 -RetryIntervalSec 0 -PassThru
        $r = Invoke-Captured { Get-SecuCustomer -Id ('PCU_' + 'R' * 30) -Connection $conn -Verbose 4>&1 }
        $errors = @($r.Errors)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ServiceUnavailable,SecuConnect.Commands.GetSecuCustomerCommand'
        $errors[0].ErrorDetails.Message | Should -Match '3 attempts'
        @($r.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying*' }).Count | Should -Be 2
    }
}

Describe 'Connect-SecuConnect -AccessToken checks the token' {
    BeforeEach { Clear-SandboxRequestLog $sb }
    AfterEach { Reset-Sandbox $sb; Restore-DefaultConnection }

    It 'fails on a token the API refuses (<Case>), with one request and no default connection left' -ForEach @(
        @{ Case = '403 code 2003'; Status = 403 }
        @{ Case = '401'; Status = 401 }
    ) {
        if ($Status -eq 401) { Set-SandboxSetting $sb -AuthFailureStatus 401 }
        $r = Invoke-Captured { Connect-SecuConnect -BaseUri $sb.BaseUri -AccessToken (New-SecureText 'not-a-real-token') }
        $e = $r.Terminating
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -Be 'ProductNotAllowedException,SecuConnect.Commands.ConnectSecuConnectCommand'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.ErrorDetails.RecommendedAction | Should -Match 'new access token'
        $log = @(Get-SandboxRequestLog $sb)
        $log.Count | Should -Be 1
        $log[0].method | Should -Be 'GET'
        $log[0].status | Should -Be $Status
        Get-SecuConnectContext | Should -BeNullOrEmpty
    }

    It 'connects with a valid token after one listing request that asks only for the total' {
        $token = New-SecureText (Get-SandboxToken $sb -Renew)
        Clear-SandboxRequestLog $sb
        Connect-SecuConnect -BaseUri $sb.BaseUri -AccessToken $token
        $log = @(Get-SandboxRequestLog $sb)
        $log.Count | Should -Be 1
        $log[0].path | Should -Match '/api/v2/Payment/Customers$'
        $log[0].query | Should -Match 'count=0'
        (Get-SecuConnectContext).AuthenticationMethod | Should -Be 'AccessToken'
    }

    It 'connects without any request with -SkipCheck; the first call then reports the bad token' {
        Connect-SecuConnect -BaseUri $sb.BaseUri -AccessToken (New-SecureText 'not-a-real-token') -SkipCheck
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
        (Get-SecuConnectContext).AuthenticationMethod | Should -Be 'AccessToken'
        $r = Invoke-Captured { Get-SecuCustomer -Id ('PCU_' + 'S' * 30) }
        @($r.Errors)[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'still connects when the API answers 403 with another code (a token for other products)' {
        $routes = [ordered]@{ 'GET */Payment/Customers' = @{ Status = 403; Body = '{"status":"error","error":"ProductNotAllowedException","error_details":"Not allowed for this product","code":2001}' } }
        $stub = Start-StubServer $routes
        try {
            $conn = Connect-SecuConnect -BaseUri $stub.BaseUri -AccessToken (New-SecureText 'other-product-token') -PassThru -WarningVariable warnings
            $conn.AuthenticationMethod | Should -Be 'AccessToken'
            $warnings | Should -BeNullOrEmpty
            @($stub.Requests.ToArray()).Count | Should -Be 1
        } finally { Stop-RecordingServer $stub }
    }

    It 'warns that the base URI may be wrong when the check answers 404' {
        $token = New-SecureText (Get-SandboxToken $sb -Renew)
        $conn = Connect-SecuConnect -BaseUri "$($sb.BaseUri)/foo" -AccessToken $token -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $conn | Should -Not -BeNullOrEmpty
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'HTTP 404.*base URI may be wrong'
    }

    It 'fails at once when nothing answers at the address, and suggests -SkipCheck' {
        $port = Get-FreeTcpPort
        $r = Invoke-Captured { Connect-SecuConnect -BaseUri "http://127.0.0.1:$port" -AccessToken (New-SecureText 'any') }
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ServiceUnavailable,SecuConnect.Commands.ConnectSecuConnectCommand'
        $r.Terminating.ErrorDetails.Message | Should -Match "127\.0\.0\.1:$port"
        $r.Terminating.ErrorDetails.RecommendedAction | Should -Match '-SkipCheck'
    }

    It 'documents -SkipCheck in the help' {
        $help = Get-Help Connect-SecuConnect -Parameter SkipCheck
        ($help.description.Text -join ' ') | Should -Match 'offline'
        (Get-Command Connect-SecuConnect).Parameters.SkipCheck.ParameterSets.Keys | Should -Be 'AccessToken'
    }
}

Describe 'Get-SecuCustomer -Id with paging parameters' {
    BeforeEach { Clear-SandboxRequestLog $sb }

    It 'is an error before sending: <Case>' -ForEach @(
        @{ Case = '-First'; Extra = @{ First = 1 } }
        @{ Case = '-Skip'; Extra = @{ Skip = 2 } }
        @{ Case = '-IncludeTotalCount'; Extra = @{ IncludeTotalCount = $true } }
    ) {
        $id = 'PCU_' + ('P' * 30)
        $r = Invoke-Captured { Get-SecuCustomer -Id $id @Extra }
        $r.Output | Should -BeNullOrEmpty
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'PagingWithId,SecuConnect.Commands.GetSecuCustomerCommand'
        $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Terminating.ErrorDetails.Message | Should -Match '-Id'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*').Count | Should -Be 0
    }

    It 'is an error for ids from the pipeline too' {
        $r = Invoke-Captured { 'PCU_' + ('P' * 30) | Get-SecuCustomer -First 1 }
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'PagingWithId,SecuConnect.Commands.GetSecuCustomerCommand'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*').Count | Should -Be 0
    }

    It 'still pages a listing' {
        1..3 | ForEach-Object { $null = New-SandboxCustomer $sb @{ forename = "Page$_"; surname = 'Listing' } }
        @(Get-SecuCustomer -First 2 -Skip 1).Count | Should -Be 2
    }
}

Describe 'The customer table' {
    BeforeAll {
        Reset-Sandbox $sb
        # Typical data: real-looking names, company names and addresses.
        $script:people = @(
            New-SecuCustomer -Forename Alan -Surname Turing -Email alan.turing@example.com -CompanyName 'Bletchley Park Ltd' -City London -Country GB
            New-SecuCustomer -Forename Grace -Surname Hopper -Email grace.hopper@example.org -CompanyName 'Eckert-Mauchly Computer Corp.' -City Arlington -Country US
            New-SecuCustomer -Forename 'Hans-Peter' -Surname Müller -Email h.mueller@beispiel-gmbh.de -CompanyName 'Beispiel GmbH' -City 'Mönchengladbach' -Country DE
        )
    }

    It 'shows <Columns> at <Width> columns, nothing cut, the header on one line' -ForEach $Widths {
        $text = $people | Format-Table | Out-String -Width $Width
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $text | Should -Not -Match '…|\.\.\.'
        @($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be $Columns
        $lines[1] | Should -Match '^[-\s]+$'
        $lines.Count | Should -Be (2 + $people.Count)
        foreach ($p in $people) {
            $row = $lines | Where-Object { $_.StartsWith($p.Id) }
            $row | Should -Match ([regex]::Escape($p.Name))
            $row | Should -Match ([regex]::Escape($p.Email))
            if ($Columns -contains 'Created') {
                $row | Should -Match ([regex]::Escape(([datetimeoffset]$p.Created).ToLocalTime().ToString('yyyy-MM-dd')))
                $row | Should -Match ([regex]::Escape($p.City))
            }
            if ($Columns -contains 'CompanyName') { $row | Should -Match ([regex]::Escape($p.CompanyName)) }
        }
    }

    It 'shows Created as yyyy-MM-dd whatever the culture' {
        $old = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $text = $people[0] | Format-Table | Out-String -Width 160
        } finally { [cultureinfo]::CurrentCulture = $old }
        $text | Should -Match ' \d{4}-\d{2}-\d{2} '
        $text | Should -Not -Match '\d{2}\.\d{2}\.\d{4}'
    }

    It 'lists every field without the raw contact''s address= and with a date-only DateOfBirth' {
        $c = New-SecuCustomer -Forename Ada -Surname Lovelace -DateOfBirth 1815-12-10 -Street 'St James Square' -City London -Country GB
        $text = Get-SecuCustomer -Id $c.Id | Format-List | Out-String -Width 120
        $text | Should -Not -Match 'address='
        $text | Should -Not -Match '@\{'
        $text | Should -Match '(?m)^DateOfBirth\s+: 1815-12-10\s*$'
        $text | Should -Match '(?m)^Street\s+: St James Square\s*$'
        $text | Should -Match '(?m)^Created\s+: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}\s*$'
    }

    It 'keeps Format-Custom short, with the nested address shown' {
        $c = $people[0]
        $lines = @(($c | Format-Custom | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeLessThan 60
        $lines | Should -Contain "  Id = $($c.Id)"
        $lines | Where-Object { $_ -match '^\s+Created = \d{4}-\d{2}-\d{2}T' } | Should -Not -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^\s+city = London$' } | Should -Not -BeNullOrEmpty
        $lines | Where-Object { $_ -match 'UtcTicks|DayOfWeek' } | Should -BeNullOrEmpty
    }
}

Describe 'The connection' {
    AfterAll { Restore-DefaultConnection }

    It 'has the environment <Expected> for <Case>' -ForEach @(
        @{ Case = 'a loopback -BaseUri'; Expected = 'Sandbox'; Params = @{ BaseUri = 'http://127.0.0.1:5080' } }
        @{ Case = 'another -BaseUri'; Expected = 'Custom'; Params = @{ BaseUri = 'http://secuconnect.example.invalid'; AllowUnencryptedAuthentication = $true } }
        @{ Case = '-Environment Testing'; Expected = 'Testing'; Params = @{ Environment = 'Testing' } }
        @{ Case = 'the default'; Expected = 'Production'; Params = @{} }
    ) {
        # -SkipCheck: no request leaves the machine.
        $conn = Connect-SecuConnect -AccessToken (New-SecureText 'unused') -SkipCheck -PassThru @Params
        $conn.Environment | Should -Be $Expected
        ($conn | Format-Table | Out-String -Width 120) | Should -Match "(?m)^$Expected\s"
    }

    It 'shows the environment of a sandbox connection' {
        Restore-DefaultConnection
        (Get-SecuConnectContext).Environment | Should -Be 'Sandbox'
    }

    It 'does not wrap its table header at 80 columns and shows the token expiry at 80 and the whole client id at 120' {
        Restore-DefaultConnection
        $ctx = Get-SecuConnectContext
        $narrow = @(($ctx | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $narrow.Count | Should -Be 3
        @($narrow[0] -split '\s+' | Where-Object { $_ }) | Should -Be 'Environment', 'BaseUri', 'ClientId', 'TokenExpiresOn'
        $narrow[1] | Should -Match '^[-\s]+$'
        $narrow[2] | Should -Match ([regex]::Escape($ctx.TokenExpiresOn.ToLocalTime().ToString('yyyy-MM-dd HH:mm:ss')))
        $wide = @(($ctx | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $wide.Count | Should -Be 3
        @($wide[0] -split '\s+' | Where-Object { $_ }) | Should -Be 'Environment', 'BaseUri', 'ClientId', 'TokenExpiresOn'
        $wide[2] | Should -Match ([regex]::Escape($ctx.TokenExpiresOn.ToLocalTime().ToString('yyyy-MM-dd HH:mm:ss')))
        $wide[2] | Should -Match ([regex]::Escape($sb.ClientId))
    }

    It 'completes the members of (Get-SecuConnectContext) and of Connect-SecuConnect -PassThru' {
        foreach ($line in '(Get-SecuConnectContext).', '(Connect-SecuConnect -PassThru -AccessToken $t).') {
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $names = $result.CompletionMatches.CompletionText
            foreach ($n in 'Environment', 'BaseUri', 'ClientId', 'TokenExpiresOn', 'AuthenticationMethod') { $names | Should -Contain $n }
        }
        (Get-Command Get-SecuConnectContext).OutputType.Type.FullName | Should -Be 'SecuConnect.SecuConnection'
        (Get-SecuConnectContext).PSObject.Properties['TokenExpiresOn'].TypeNameOfValue | Should -Match 'DateTimeOffset'
    }
}

Describe 'Help that runs' {
    It 'keeps the code of every example apart from its sample output, so the code parses' {
        foreach ($name in (Get-Command -Module SecuConnect).Name) {
            foreach ($e in @((Get-Help $name -Examples).examples.example)) {
                $tokens = $null; $parseErrors = $null
                $null = [System.Management.Automation.Language.Parser]::ParseInput($e.code, [ref] $tokens, [ref] $parseErrors)
                $parseErrors | Should -BeNullOrEmpty -Because "$name $($e.title) must parse"
                $e.code | Should -Not -Match '(?m)^-{2,}(\s+-{2,})+\s*$' -Because "$name $($e.title) holds no table output"
            }
        }
    }

    It '<Command> <Title>: the sample output is in the remarks, not the code' -ForEach $OutputExamples {
        $example = @((Get-Help $Command -Examples).examples.example) | Where-Object { $_.title -match [regex]::Escape($Title) }
        $example | Should -Not -BeNullOrEmpty
        $line = '(?m)^\s*' + [regex]::Escape($FirstLine.Trim()) + '\s*$'
        $example.code | Should -Not -Match $line
        ($example.remarks.Text -join "`n") | Should -Match $line
    }

    It '<Command> -ThrottleLimit documents the range the cmdlet accepts' -ForEach $BulkCommands {
        $range = (Get-Command $Command).Parameters.ThrottleLimit.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $range | Should -Not -BeNullOrEmpty
        $text = (Get-Help $Command -Parameter ThrottleLimit).description.Text -join ' '
        $text | Should -Match "from $($range.MinRange) to $($range.MaxRange)\b"
    }

    It '-PostalCode keeps a leading zero on the command line, as the help says' {
        Clear-SandboxRequestLog $sb
        $c = New-SecuCustomer -Forename Zero -Surname Leading -PostalCode 01234
        (Get-SandboxCustomer $sb -Id $c.Id).contact.address.postal_code | Should -BeExactly '01234'
        foreach ($name in 'New-SecuCustomer', 'Set-SecuCustomer') {
            $text = (Get-Help $name -Parameter PostalCode).description.Text -join ' '
            $text | Should -Match 'leading zero'
            $text | Should -Match 'on the command line keeps the zero'
            $text | Should -Match 'hashtable'
        }
        # What the help warns about, which is PowerShell's own parsing: outside a command argument 01234 is a number.
        $fromHashtable = @{ postal_code = 01234 }
        $fromHashtable.postal_code | Should -BeOfType [int]
    }
}

Describe 'Remove-SecuCustomer shows whom it would delete' {
    BeforeEach {
        Reset-Sandbox $sb
        $script:ada = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; address = @{ city = 'London'; country = 'GB' } }
        Clear-SandboxRequestLog $sb
    }

    It 'names the customer and city in the -WhatIf line (<Case>)' -ForEach @(
        @{ Case = 'by id'; Run = { param($c) Remove-SecuCustomer -Id $c.id -WhatIf } }
        @{ Case = 'piped from Get-SecuCustomer'; Run = { param($c) Get-SecuCustomer -Id $c.id | Remove-SecuCustomer -WhatIf } }
        @{ Case = 'piped object with Name and City'; Run = { param($c) [pscustomobject]@{ Id = $c.id; Name = 'Ada Lovelace'; City = 'London' } | Remove-SecuCustomer -WhatIf } }
    ) {
        $r = Invoke-RecordingHost $sb $Run -ArgumentList $ada
        $target = [regex]::Escape("$($ada.id) (Ada Lovelace, London)")
        @($r.Lines | Where-Object { $_ -match "^What if: .*""Remove customer"" on target ""$target""" }).Count | Should -Be 1
        @(Get-SandboxRequestLog $sb -Method DELETE).Count | Should -Be 0
        Get-SandboxCustomer $sb -Id $ada.id | Should -Not -BeNullOrEmpty
    }

    It 'names the customer and city in the confirmation prompt' {
        $r = Invoke-RecordingHost $sb { param($Id) Remove-SecuCustomer -Id $Id } -ArgumentList $ada.id -Decline $ada.id
        $r.Errors | Should -BeNullOrEmpty
        $r.Prompts.Count | Should -Be 1
        $r.Prompts[0] | Should -Match ([regex]::Escape("$($ada.id) (Ada Lovelace, London)"))
        @(Get-SandboxRequestLog $sb -Method DELETE).Count | Should -Be 0
    }
}
