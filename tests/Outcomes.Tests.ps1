# What the module reports equals what happened on the server: every row of a bulk run reaches the output or
# -ErrorVariable, uncertain updates and removals are settled by a read, a 2xx without the customer is an error, a 413
# answered while the body is sent is read as such, and a failed Connect-SecuConnect leaves no default connection.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    $script:customers = '/api/v2/Payment/Customers'
    function Get-Summary($Info) { @($Info | Where-Object Tags -Contains 'SecuConnect.Summary').MessageData }
    # A connection that gives up quickly, so a dead API is found in a second.
    function Connect-Quick([int] $Retries = 1) {
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -MaximumRetryCount $Retries -RetryIntervalSec 0 -PassThru
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Every record in the user''s hands' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        # The README's pattern uses the default connection: make it one that gives up after one retry.
        $null = Connect-Quick
        $script:rows = foreach ($i in 1..12) { [pscustomobject]@{ Forename = 'Row'; Surname = "Row$i"; Email = "row$i@example.com" } }
        $rows | Export-Csv (Join-Path $TestDrive 'customers.csv')
        Push-Location $TestDrive
    }
    AfterEach {
        Pop-Location
        Clear-SandboxFault $sb
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    }

    It 'the README pattern holds every row when the API is dead: each row not sent is its own silent NotAttempted error' {
        Add-SandboxFault $sb -Status 503 -Method POST -PathPrefix $customers
        $caught = $null
        $streams = try {
            Import-Csv customers.csv | New-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable info | Export-Csv created.csv
        } catch { $caught = $_ }
        $caught | Should -BeNullOrEmpty
        $streams | Should -BeNullOrEmpty
        $created = @(if (Test-Path created.csv) { Import-Csv created.csv })
        $failed = @($failed)
        $failed | ForEach-Object { $_ | Should -BeOfType System.Management.Automation.ErrorRecord }
        @(@($created.Surname) + @($failed | ForEach-Object { $_.TargetObject.Surname }) | Sort-Object) | Should -Be @($rows.Surname | Sort-Object)
        $notAttempted = @($failed | Where-Object FullyQualifiedErrorId -eq 'NotAttempted,SecuConnect.Commands.NewSecuCustomerCommand')
        $notAttempted.Count | Should -BeGreaterThan 0
        foreach ($e in $notAttempted) {
            $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $e.TargetObject.Surname | Should -Match '^Row\d+$'
            $e.Exception.Message | Should -Match 'Not sent: .*5 records in a row failed because the API is unavailable'
            $e.ErrorDetails.RecommendedAction | Should -Match 'again'
        }
        # Not attempted means not sent: no POST carried those rows.
        @(Get-SandboxRequestLog $sb -Method POST -Path $customers).Count | Should -Be (2 * ($rows.Count - $notAttempted.Count))
        $summary = Get-Summary $info
        $summary.NotAttempted | Should -Be $notAttempted.Count
        $summary.Failed | Should -Be ($failed.Count - $notAttempted.Count)
        $summary.Abandoned | Should -BeTrue
        $summary.AbandonedBecause | Should -Match '5 records in a row failed because the API is unavailable'
        "$summary" | Should -Match 'Abandoned: stopped sending after 5 records'
        @(Get-SandboxCustomer $sb).Count | Should -Be 0
    }

    It 'the README pattern holds every row when the API refuses some of them' {
        $rows[2].Email = 'not-an-email'; $rows[7].Email = 'also-not-an-email'
        $rows | Export-Csv customers.csv
        Import-Csv customers.csv | New-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue | Export-Csv created.csv
        $created = @(Import-Csv created.csv)
        $created.Count | Should -Be 10
        @($failed | ForEach-Object { $_.TargetObject.Surname }) | Should -Be 'Row3', 'Row8'
        @(@($created.Surname) + @($failed | ForEach-Object { $_.TargetObject.Surname }) | Sort-Object) | Should -Be @($rows.Surname | Sort-Object)
        @(Get-SandboxCustomer $sb).Count | Should -Be 10
    }

    It 'under -ErrorAction Stop every row the command took is output or collected, and nothing after the failing row is sent' {
        $rows[3].Email = 'not-an-email'
        $rows | Export-Csv customers.csv
        $collected = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try { Import-Csv customers.csv | New-SecuCustomer -ErrorVariable failed -ErrorAction Stop | ForEach-Object { $collected.Add($_) } } catch { $caught = $_ }
        $caught.TargetObject.Surname | Should -Be 'Row4'
        # Under Stop, -ErrorVariable holds the exception that stopped the command; its ErrorRecord carries the row.
        @($failed | ForEach-Object { $_.ErrorRecord.TargetObject.Surname }) | Should -Be 'Row4'
        @($collected.Surname) | Should -Be 'Row1', 'Row2', 'Row3'
        @(Get-SandboxRequestLog $sb -Method POST -Path $customers).Count | Should -Be 4
    }
}

Describe 'Remove -PassThru after a lost answer' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        $script:c = New-SandboxCustomer $sb @{ forename = 'Lost'; surname = 'Answer'; address = @{ city = 'Bath' } }
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'writes the customer as it was, with a warning, when the retry of a DELETE whose answer was lost finds it gone (<Given>)' -ForEach @(
        @{ Given = 'an id' }, @{ Given = 'a partial object' }, @{ Given = 'a customer from Get-SecuCustomer' }
    ) {
        $in = switch ($Given) {
            'an id' { $c.id }
            'a partial object' { [pscustomobject]@{ Id = $c.id } }
            default { Get-SecuCustomer -Id $c.id }
        }
        Add-SandboxFault $sb -Status 0 -Count 1 -Method DELETE -PathPrefix $customers -Phase after
        $out = @($in | Remove-SecuCustomer -Force -PassThru -ErrorVariable errs -WarningVariable warns 3>$null)
        $errs | Should -BeNullOrEmpty
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $c.id
        $out[0].Forename | Should -Be 'Lost'
        $out[0].City | Should -Be 'Bath'
        @($warns).Count | Should -Be 1
        "$($warns[0])" | Should -Match "$($c.id) gone: its removal is confirmed after a lost answer"
        Get-SandboxCustomer $sb -Id $c.id | Should -BeNullOrEmpty
        @(Get-SandboxRequestLog $sb -Method DELETE -Path "*/Customers/$($c.id)").status | Should -Be 0, 404
    }
}

Describe 'Uncertain updates and removals are settled by a read' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        $script:conn = Connect-Quick
        $script:ids = foreach ($i in 1..20) { (New-SandboxCustomer $sb @{ forename = 'Settle'; surname = "Row$i" }).id }
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'counts 10 updates answered 502 after they were stored as updated' {
        Add-SandboxFault $sb -Status 502 -Method PUT -PathPrefix $customers -Phase after
        $out = @($ids[0..9] | Set-SecuCustomer -City Settled -PassThru -Connection $conn -ErrorVariable errs -WarningVariable warns -InformationVariable info 3>$null)
        $errs | Should -BeNullOrEmpty
        $out.Count | Should -Be 10
        @($out.City | Select-Object -Unique) | Should -Be 'Settled'
        @($warns).Count | Should -Be 10
        "$($warns[0])" | Should -Match 'a read shows the update stored'
        foreach ($id in $ids[0..9]) { (Get-SandboxCustomer $sb -Id $id).contact.address.city | Should -Be 'Settled' }
        $s = Get-Summary $info
        "$s" | Should -Be 'Set-SecuCustomer: 10 updated, 0 failed, 0 outcome unknown, 0 not attempted.'
    }

    It 'reports an update answered 502 before it was stored as failed, and says the read found it unchanged' {
        Add-SandboxFault $sb -Status 502 -Method PUT -PathPrefix $customers
        Set-SecuCustomer -Id $ids[0] -City Nowhere -Connection $conn -ErrorVariable errs -ErrorAction SilentlyContinue -InformationVariable info
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ServiceUnavailable,SecuConnect.Commands.SetSecuCustomerCommand'
        $errs[0].Exception.Message | Should -Match 'shows the customer unchanged'
        (Get-SandboxCustomer $sb -Id $ids[0]).contact.address.city | Should -Not -Be 'Nowhere'
        (Get-Summary $info).Failed | Should -Be 1
    }

    It 'sends no settling read once the run is ending: the updates still in flight are OutcomeUnknown warnings' {
        $conn0 = Connect-Quick -Retries 0
        # Every update is stored and answered 502: the first after 0.3 s (by then all four are sent), the others after
        # 2 s, so they are still in flight when Select-Object -First 1 ends the run (within the 3 s grace).
        Add-SandboxFault $sb -Status 502 -LatencyMs 300 -Method PUT -PathPrefix "$customers/$($ids[0])" -Phase after
        Add-SandboxFault $sb -Status 502 -LatencyMs 2000 -Method PUT -PathPrefix $customers -Phase after
        $first = @($ids[0..3] | Set-SecuCustomer -City Ending -PassThru -ThrottleLimit 4 -Connection $conn0 -WarningVariable warns -InformationVariable info 3>$null |
            Select-Object -First 1)
        $first.Id | Should -Be $ids[0]
        $unknown = @($warns | Where-Object { "$_" -match 'outcome unknown \(OutcomeUnknown\)' })
        $unknown.Count | Should -Be 3
        foreach ($id in $ids[1..3]) {
            @($unknown | Where-Object { "$_" -match $id }).Count | Should -Be 1
            # One read before the update, none after it: the run was ending.
            @(Get-SandboxRequestLog $sb -Method GET -Path "*/Customers/$id").Count | Should -Be 1
            (Get-SandboxCustomer $sb -Id $id).contact.address.city | Should -Be 'Ending'
        }
        $s = Get-Summary $info
        $s.Done | Should -Be 1
        $s.Unknown | Should -Be 3
    }

    It 'counts 20 removals whose answers were dropped as removed' {
        $conn0 = Connect-Quick -Retries 0
        Add-SandboxFault $sb -Status 0 -Method DELETE -PathPrefix $customers -Phase after
        $ids | Remove-SecuCustomer -Force -Connection $conn0 -ErrorVariable errs -WarningVariable warns -InformationVariable info 3>$null
        $errs | Should -BeNullOrEmpty
        @($warns).Count | Should -Be 20
        @(Get-SandboxCustomer $sb).Count | Should -Be 0
        @(Get-SandboxRequestLog $sb -Method DELETE -Path "$customers/*").Count | Should -Be 20
        "$(Get-Summary $info)" | Should -Be 'Remove-SecuCustomer: 20 removed, 0 failed, 0 outcome unknown, 0 not attempted.'
    }

    It 'reports OutcomeUnknown when the read that would settle a lost DELETE fails too' {
        $conn0 = Connect-Quick -Retries 0
        Add-SandboxFault $sb -Status 0 -Method DELETE -PathPrefix $customers -Phase after
        Add-SandboxFault $sb -Status 503 -Method GET -PathPrefix $customers
        Remove-SecuCustomer -Id $ids[0] -Force -Connection $conn0 -ErrorVariable errs -ErrorAction SilentlyContinue -InformationVariable info
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'OutcomeUnknown,SecuConnect.Commands.RemoveSecuCustomerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $errs[0].TargetObject | Should -Be $ids[0]
        $errs[0].Exception.Message | Should -Match "Customer $($ids[0]) may or may not have been removed"
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SecuCustomer -Id'
        (Get-Summary $info).Unknown | Should -Be 1
    }
}

Describe 'A 2xx answer without the customer' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        $script:c = New-SandboxCustomer $sb @{ forename = 'Body'; surname = 'Check' }
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'New-SecuCustomer reports a 200 with an error body as OutcomeUnknown, writes no customer and sends the POST once' {
        Add-SandboxFault $sb -Status 200 -Method POST -PathPrefix $customers -Phase after
        $out = @(New-SecuCustomer -Forename Ada -Surname Body -ErrorVariable errs -ErrorAction SilentlyContinue -InformationVariable info)
        $out.Count | Should -Be 0
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'OutcomeUnknown,SecuConnect.Commands.NewSecuCustomerCommand'
        $errs[0].Exception.Message | Should -Match 'HTTP 200 without the created customer'
        @(Get-SandboxRequestLog $sb -Method POST -Path $customers).Count | Should -Be 1
        $s = Get-Summary $info
        $s.Done | Should -Be 0
        $s.Unknown | Should -Be 1
    }

    It 'Set-SecuCustomer reports a 200 with an error body as an error when a read shows the customer unchanged' {
        Add-SandboxFault $sb -Status 200 -Method PUT -PathPrefix $customers
        $out = @(Set-SecuCustomer -Id $c.id -City Elsewhere -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidResponse,SecuConnect.Commands.SetSecuCustomerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].Exception.Message | Should -Match 'unchanged'
    }

    It 'Remove-SecuCustomer reports a 200 with an error body as an error when the customer is still there' {
        Add-SandboxFault $sb -Status 200 -Method DELETE -PathPrefix $customers
        $out = @(Remove-SecuCustomer -Id $c.id -Force -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidResponse,SecuConnect.Commands.RemoveSecuCustomerCommand'
        $errs[0].Exception.Message | Should -Match 'still there'
        (Get-SandboxCustomer $sb -Id $c.id).id | Should -Be $c.id
    }
}

Describe 'A 413 answered while the body is being sent' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
    }

    It 'reports a <Size> -Forename as refused data, never as OutcomeUnknown, <Times> times in a row' -ForEach @(
        @{ Size = '16 MB'; Bytes = 16MB; Times = 3 }, @{ Size = '2 MB'; Bytes = 2MB; Times = 10 }
    ) {
        # 16 MB is still being sent when the server answers and closes: without reading that answer, every try is lost.
        $big = 'x' * $Bytes
        $ids = foreach ($n in 1..$Times) {
            $errs = $null
            $null = New-SecuCustomer -Forename $big -Surname Large -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].Exception.Message | Should -Match 'HTTP 413'
        }
        @($ids | Select-Object -Unique) | Should -Be 'ProductFormatException,SecuConnect.Commands.NewSecuCustomerCommand'
        @(Get-SandboxCustomer $sb).Count | Should -Be 0
    }
}

Describe 'A failed Connect-SecuConnect leaves no default connection' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        $script:held = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        $script:c = New-SandboxCustomer $sb @{ forename = 'Old'; surname = 'Tenant' }
    }
    AfterEach { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }

    It 'after <Case> the next command fails with NotConnected and the held connection still works' -ForEach @(
        @{ Case = 'a wrong secret' }, @{ Case = 'an unreachable host' }, @{ Case = 'an invalid -Proxy' }
    ) {
        $wrong = [pscredential]::new($sb.Credential.UserName, (ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force))
        $caught = $null
        try {
            switch ($Case) {
                'a wrong secret' { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $wrong }
                'an unreachable host' { Connect-SecuConnect -BaseUri "http://127.0.0.1:$(Get-FreeTcpPort)" -Credential $sb.Credential }
                default { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -Proxy 'ftp://proxy.example' }
            }
        } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.ErrorDetails.Message | Should -Match 'No connection is the default now'
        $next = $null
        try { Get-SecuCustomer -Id $c.id } catch { $next = $_ }
        $next.FullyQualifiedErrorId | Should -Be 'NotConnected,SecuConnect.Commands.GetSecuCustomerCommand'
        (Get-SecuCustomer -Id $c.id -Connection $held).Id | Should -Be $c.id
    }
}
