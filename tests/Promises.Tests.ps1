# One test per README promise that no other test would catch breaking: the retry defaults, token handling after a
# 403, renewal at half the lifetime, the http refusal through Connect, TargetObject = input for every failed item,
# -ThrottleLimit output order for Set and Remove, and no overlap of two records for one id on Remove.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function ConvertTo-Utc($Entry) {
        if ($Entry.at -is [datetime]) { $Entry.at.ToUniversalTime() } else { [datetimeoffset]::Parse($Entry.at, [cultureinfo]::InvariantCulture).UtcDateTime }
    }
    $script:missingId = 'PCU_' + ('Z' * 30)
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'README promises' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'retries a permanent 503 exactly five times on a default connection (6 requests)' {
        # A connection made with no retry setting at all: -MaximumRetryCount 5 is the default.
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        Clear-SandboxRequestLog $sb
        Add-SandboxFault $sb -Status 503 -RetryAfter 0 -Method GET -PathPrefix '/api/v2/Payment/Customers'
        Get-SecuCustomer -Id $missingId -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ServiceUnavailable,SecuConnect.Commands.GetSecuCustomerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $gets = @(Get-SandboxRequestLog $sb -Method GET -Path "*/Customers/$missingId")
        $gets.Count | Should -Be 6
        @($gets | Where-Object status -NE 503).Count | Should -Be 0
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 0
    }

    It 'fetches no token after a 403 other than code 2003, and exactly one after 403 code 2003' {
        $c = New-SandboxCustomer $sb @{ forename = 'Token'; surname = 'Forbidden' }
        Clear-SandboxRequestLog $sb
        # An injected 403 carries code 403: access denied, not an expired token.
        Add-SandboxFault $sb -Status 403 -Count 1 -Method GET -PathPrefix "/api/v2/Payment/Customers/$($c.id)"
        Get-SecuCustomer -Id $c.id -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ProductNotAllowedException,SecuConnect.Commands.GetSecuCustomerCommand'
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 0
        @(Get-SandboxRequestLog $sb -Method GET).Count | Should -Be 1

        # The contrast: the sandbox's own token failure (403, code 2003) is re-authenticated once and replayed.
        Clear-SandboxRequestLog $sb
        Invoke-SandboxTokenExpiry $sb
        (Get-SecuCustomer -Id $c.id).Id | Should -Be $c.id
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 1
        @(Get-SandboxRequestLog $sb -Method GET).status | Should -Be 403, 200
    }

    It 'renews a token at half its lifetime, not on every call and not only once it expired' {
        $c = New-SandboxCustomer $sb @{ forename = 'Token'; surname = 'Half' }
        Set-SandboxSetting $sb -TokenLifetime 6
        Clear-SandboxRequestLog $sb
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        # Time has to pass here: calls every 200 ms until the module renews (due at 3 s of the 6 s lifetime).
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        do {
            $null = Get-SecuCustomer -Id $c.id
            $tokens = @(Get-SandboxRequestLog $sb -Path '*/oauth/token')
            if ($tokens.Count -lt 2) { Start-Sleep -Milliseconds 200 }
        } while ($tokens.Count -lt 2 -and [datetime]::UtcNow -lt $deadline)
        $tokens.Count | Should -Be 2
        $after = ((ConvertTo-Utc $tokens[1]) - (ConvertTo-Utc $tokens[0])).TotalMilliseconds
        # Not before half the lifetime (a client fetching a token per call renews at once) ...
        $after | Should -BeGreaterOrEqual 2950
        # ... and before it ran out, so no call was ever refused.
        $after | Should -BeLessThan 6000
        $log = @(Get-SandboxRequestLog $sb)
        @($log | Where-Object { $_.status -in 401, 403 }).Count | Should -Be 0
        # The first token served several calls.
        $first = [array]::IndexOf($log, @($log | Where-Object path -Like '*/oauth/token')[1])
        @($log[0..$first] | Where-Object method -EQ GET).Count | Should -BeGreaterThan 3
    }

    It 'refuses plain http to a non-loopback address in Connect-SecuConnect, before sending anything' {
        $before = Get-SecuConnectContext
        # 192.0.2.1 is a documentation address (TEST-NET-1): nothing may be sent there.
        { Connect-SecuConnect -BaseUri 'http://192.0.2.1:8080' -Credential $sb.Credential -TimeoutSec 60 -MaximumRetryCount 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnencryptedConnection,SecuConnect.Commands.ConnectSecuConnectCommand'
        try { Connect-SecuConnect -BaseUri 'http://192.0.2.1:8080' -Credential $sb.Credential -ErrorAction Stop } catch { $e = $_ }
        $e.CategoryInfo.Category | Should -Be 'SecurityError'
        $e.Exception.Message | Should -Match 'AllowUnencryptedAuthentication'
        # The refused connect leaves no default connection, so nothing goes on against the previous one.
        $before.BaseUri | Should -Not -BeNullOrEmpty
        Get-SecuConnectContext | Should -BeNullOrEmpty
        # Loopback http stays allowed without the switch.
        { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -ErrorAction Stop } | Should -Not -Throw
        @(Get-SandboxRequestLog $sb -Path '*/oauth/token').Count | Should -Be 1
    }

    It 'gives every failed item its own input as TargetObject' {
        $keep = New-SandboxCustomer $sb @{ forename = 'Target'; surname = 'Kept' }
        $newRows = @(
            [pscustomobject]@{ Forename = 'Good'; Surname = 'Row' }
            [pscustomobject]@{ Forename = 'Bad'; Email = 'not-an-email' }
            [pscustomobject]@{ Forename = 'Worse'; Country = 'Germany' })
        $null = $newRows | New-SecuCustomer -ErrorVariable newErrs -ErrorAction SilentlyContinue
        $newErrs.Count | Should -Be 2
        [object]::ReferenceEquals($newErrs[0].TargetObject, $newRows[1]) | Should -BeTrue
        [object]::ReferenceEquals($newErrs[1].TargetObject, $newRows[2]) | Should -BeTrue

        $setRows = @(
            [pscustomobject]@{ Id = $missingId; City = 'Nowhere' }
            [pscustomobject]@{ Id = $keep.id; City = 'Somewhere' }
            [pscustomobject]@{ Id = 'not-an-id'; City = 'Elsewhere' })
        $setRows | Set-SecuCustomer -ErrorVariable setErrs -ErrorAction SilentlyContinue
        $setErrs.Count | Should -Be 2
        # Each error holds its own row object (matched by reference, whatever order the errors come in).
        $notFound = @($setErrs | Where-Object FullyQualifiedErrorId -Like 'ProductNotFoundException,*')
        $invalid = @($setErrs | Where-Object FullyQualifiedErrorId -Like 'InvalidCustomerId,*')
        $notFound.Count | Should -Be 1
        $invalid.Count | Should -Be 1
        [object]::ReferenceEquals($notFound[0].TargetObject, $setRows[0]) | Should -BeTrue
        [object]::ReferenceEquals($invalid[0].TargetObject, $setRows[2]) | Should -BeTrue

        $removeIds = $missingId, ('PCU_' + ('Y' * 30))
        $removeIds | Remove-SecuCustomer -Force -ErrorVariable removeErrs -ErrorAction SilentlyContinue
        $removeErrs.TargetObject | Should -Be $removeIds
        Get-SecuCustomer -Id $missingId -ErrorVariable getErrs -ErrorAction SilentlyContinue
        $getErrs[0].TargetObject | Should -Be $missingId
    }

    It 'writes Set results in input order when later records finish first (-ThrottleLimit 4)' {
        $ids = foreach ($i in 1..4) { (New-SandboxCustomer $sb @{ forename = 'Set'; surname = "Order$i" }).id }
        Clear-SandboxRequestLog $sb
        # Only the first customer's PUT is slow: records 2..4 are answered before record 1.
        Add-SandboxLatency $sb 1000 PUT "/api/v2/Payment/Customers/$($ids[0])"
        $rows = for ($i = 0; $i -lt 4; $i++) { [pscustomobject]@{ Id = $ids[$i]; City = "City$($i + 1)" } }
        $out = @($rows | Set-SecuCustomer -ThrottleLimit 4 -PassThru -Verbose 4>&1)
        $customers = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $customers.Id | Should -Be $ids
        $customers.City | Should -Be 'City1', 'City2', 'City3', 'City4'
        $puts = @(Get-SandboxRequestLog $sb -Method PUT)
        # They did run side by side: the last PUT arrived before the first one's 1 s hold was over.
        ((ConvertTo-Utc $puts[-1]) - (ConvertTo-Utc $puts[0])).TotalMilliseconds | Should -BeLessThan 900
        $verbosePuts = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^PUT ' })
        for ($i = 0; $i -lt 4; $i++) { $verbosePuts[$i].Message | Should -Match $ids[$i] }
    }

    It 'writes <Command> errors in input order: one found before sending waits behind the records in flight' -ForEach @(
        @{ Command = 'Set-SecuCustomer'; Method = 'GET'; Extra = @{ City = 'Nowhere' } }
        @{ Command = 'Remove-SecuCustomer'; Method = 'DELETE'; Extra = @{ Force = $true } }
    ) {
        # The first record's request is slow and fails (unknown id); the second is refused before sending.
        Add-SandboxLatency $sb 800 $Method "/api/v2/Payment/Customers/$missingId"
        $rows = @([pscustomobject]@{ Id = $missingId; City = 'A' }, [pscustomobject]@{ Id = 'not-an-id'; City = 'B' })
        $extra = $Extra
        $r = Invoke-Captured { $rows | & $Command -ThrottleLimit 4 @extra }
        $r.Errors.Count | Should -Be 2
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ProductNotFoundException,*'
        $r.Errors[0].TargetObject.Id | Should -Be $missingId
        $r.Errors[1].FullyQualifiedErrorId | Should -BeLike 'InvalidCustomerId,*'
        $r.Errors[1].TargetObject.Id | Should -Be 'not-an-id'
    }

    It 'writes Remove results in input order when later records finish first (-ThrottleLimit 4)' {
        $ids = foreach ($i in 1..4) { (New-SandboxCustomer $sb @{ forename = 'Remove'; surname = "Order$i" }).id }
        Clear-SandboxRequestLog $sb
        Add-SandboxLatency $sb 1000 DELETE "/api/v2/Payment/Customers/$($ids[0])"
        $out = @($ids | Remove-SecuCustomer -Force -ThrottleLimit 4 -PassThru)
        $out.Id | Should -Be $ids
        $deletes = @(Get-SandboxRequestLog $sb -Method DELETE)
        $deletes.Count | Should -Be 4
        ((ConvertTo-Utc $deletes[-1]) - (ConvertTo-Utc $deletes[0])).TotalMilliseconds | Should -BeLessThan 900
        @(Get-SandboxCustomer $sb).Count | Should -Be 0
    }

    It 'never overlaps two Remove records for one id, while other ids go ahead' {
        $a = (New-SandboxCustomer $sb @{ forename = 'Same'; surname = 'Id' }).id
        $b = (New-SandboxCustomer $sb @{ forename = 'Other'; surname = 'Id' }).id
        Clear-SandboxRequestLog $sb
        Add-SandboxLatency $sb 1000 DELETE "/api/v2/Payment/Customers/$a" -Count 1
        $out = @($a, $b, $a | Remove-SecuCustomer -Force -ThrottleLimit 4 -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $deletes = @(Get-SandboxRequestLog $sb -Method DELETE)
        # -PassThru reads each customer before its DELETE: the second record for $a finds it gone at that read.
        $deletes.Count | Should -Be 2
        $forA = @(Get-SandboxRequestLog $sb -Path "*/$a")
        $forA.method | Should -Be GET, DELETE, GET
        # The second record for the id waits until the first one's DELETE (held 1 s) was answered ...
        ((ConvertTo-Utc $forA[2]) - (ConvertTo-Utc $forA[1])).TotalMilliseconds | Should -BeGreaterOrEqual 990
        # ... while the other id did not wait.
        $forB = @($deletes | Where-Object path -Like "*/$b")
        ((ConvertTo-Utc $forB[0]) - (ConvertTo-Utc $forA[1])).TotalMilliseconds | Should -BeLessThan 900
        $forA.status | Should -Be 200, 200, 404
        $out.Id | Should -Be $a, $b
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $a
    }
}

Describe 'Against the strict sandbox' {
    BeforeEach {
        Reset-Sandbox $sb
        Clear-SandboxRequestLog $sb
    }

    It 'passes an unknown API path in -Sort and -Property through, and reports the 400 that refuses it' {
        $null = New-SandboxCustomer $sb @{ forename = 'Strict'; surname = 'Paths' }
        Get-SecuCustomer -Sort 'contact.nickname:asc' -ErrorVariable sortErrs -ErrorAction SilentlyContinue
        Get-SecuCustomer -Property 'contact.nickname' -ErrorVariable fieldErrs -ErrorAction SilentlyContinue
        foreach ($e in @($sortErrs) + @($fieldErrs)) {
            $e.FullyQualifiedErrorId | Should -Be 'ProductFormatException,SecuConnect.Commands.GetSecuCustomerCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidData'
            $e.ErrorDetails.Message | Should -Match 'contact\.nickname'
        }
        @($sortErrs).Count | Should -Be 1
        @($fieldErrs).Count | Should -Be 1
        @(Get-SandboxRequestLog $sb -Method GET).status | Should -Be 400, 400

        # Once the sandbox returns such a member, the same paths are known and work.
        Set-SandboxExtraField $sb -Contact @{ nickname = 'Nick' }
        $null = New-SandboxCustomer $sb @{ forename = 'Strict'; surname = 'Known' }
        @(Get-SecuCustomer -Sort 'contact.nickname:asc' -ErrorAction Stop).Count | Should -Be 2
        @(Get-SecuCustomer -Property 'contact.nickname' -ErrorAction Stop).Count | Should -Be 2
        Clear-SandboxExtraField $sb
    }

    It 'sends every request to the contract''s exact path (the strict log keeps the raw path)' {
        $c = New-SecuCustomer -Forename 'Raw' -Surname 'Path'
        $null = Get-SecuCustomer -Id $c.Id
        Set-SecuCustomer -Id $c.Id -City 'Berlin'
        $null = @(Get-SecuCustomer -First 1)
        Remove-SecuCustomer -Id $c.Id -Force
        $log = @(Get-SandboxRequestLog $sb | Where-Object path -NotLike '*/oauth/token')
        $log.Count | Should -BeGreaterOrEqual 6
        foreach ($entry in $log) {
            $entry.path | Should -BeIn '/api/v2/Payment/Customers', "/api/v2/Payment/Customers/$($c.Id)"
            $entry.status | Should -Be 200
        }
    }
}
