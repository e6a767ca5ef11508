# -ThrottleLimit on New, Set and Remove-SecuCustomer: requests overlap, yet output, errors and prompts keep the
# input order; same-id records never race; Ctrl+C stops everything in flight.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    # A fault without a status only delays the matching requests.
    function Get-ArrivalGap($Entries) {
        # Invoke-RestMethod may already have turned the ISO text into a [datetime]; keep its 100 ns precision either way.
        $times = @($Entries | ForEach-Object { if ($_.at -is [datetime]) { $_.at.ToUniversalTime() } else { [datetimeoffset]::Parse($_.at, [cultureinfo]::InvariantCulture).UtcDateTime } })
        for ($i = 1; $i -lt $times.Count; $i++) { ($times[$i] - $times[$i - 1]).TotalMilliseconds }
    }
    $script:missingId = 'PCU_' + ('Z' * 30)
    $script:missingId2 = 'PCU_' + ('Y' * 30)
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Concurrency' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'has -ThrottleLimit 1..64 on New, Set and Remove' {
        foreach ($name in 'New-SecuCustomer', 'Set-SecuCustomer', 'Remove-SecuCustomer') {
            $p = (Get-Command $name).Parameters.ThrottleLimit
            $p.ParameterType | Should -Be ([int])
            $range = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
            $range.MinRange | Should -Be 1
            $range.MaxRange | Should -Be 64
        }
        (Get-Command Get-SecuCustomer).Parameters.Keys | Should -Not -Contain 'ThrottleLimit'
    }

    It 'sends creates side by side with the default limit' {
        Add-SandboxLatency $sb 1000 POST '/api/v2/Payment/Customers'
        $rows = 1..8 | ForEach-Object { [pscustomobject]@{ Forename = 'Overlap'; Surname = "Row$_" } }
        $out = @($rows | New-SecuCustomer)
        $out.Count | Should -Be 8
        $posts = @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST)
        $posts.Count | Should -Be 8
        # Each POST is answered 1000 ms after it arrived at the earliest: the 2nd arriving sooner means they overlap
        # (the margin leaves a loaded two-core machine 800 ms to start the second worker).
        (Get-ArrivalGap $posts)[0] | Should -BeLessThan 800
    }

    It 'never overlaps with -ThrottleLimit 1' {
        Add-SandboxLatency $sb 300 POST '/api/v2/Payment/Customers'
        $rows = 1..4 | ForEach-Object { [pscustomobject]@{ Forename = 'Serial'; Surname = "Row$_" } }
        $out = @($rows | New-SecuCustomer -ThrottleLimit 1)
        $out.Surname | Should -Be 'Row1', 'Row2', 'Row3', 'Row4'
        $posts = @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST)
        $posts.Count | Should -Be 4
        foreach ($gap in Get-ArrivalGap $posts) { $gap | Should -BeGreaterOrEqual 295 }
    }

    It 'writes created customers in input order when later ones finish first' {
        # Only the first POST is slow, so rows 2..6 are answered before row 1.
        Add-SandboxLatency $sb 800 POST '/api/v2/Payment/Customers' -Count 1
        $rows = 1..6 | ForEach-Object { [pscustomobject]@{ Forename = 'Order'; Surname = "Row$_" } }
        $out = @($rows | New-SecuCustomer -ThrottleLimit 6)
        $out.Surname | Should -Be 'Row1', 'Row2', 'Row3', 'Row4', 'Row5', 'Row6'
        @(Get-SandboxCustomer $sb).Count | Should -Be 6
    }

    It 'writes Verbose lines in input order' {
        $ids = foreach ($i in 1..4) { (New-SandboxCustomer $sb @{ forename = 'Verbose'; surname = "Order$i" }).id }
        Add-SandboxLatency $sb 600 DELETE "/api/v2/Payment/Customers/$($ids[0])"
        $verbose = @($ids | Remove-SecuCustomer -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $deletes = @($verbose.Message | Where-Object { $_ -match '^DELETE ' })
        $deletes.Count | Should -Be 4
        for ($i = 0; $i -lt 4; $i++) { $deletes[$i] | Should -Match $ids[$i] }
    }

    It 'writes errors in input order with the item as TargetObject' {
        $ids = foreach ($i in 1..2) { (New-SandboxCustomer $sb @{ forename = 'Error'; surname = "Order$i" }).id }
        Add-SandboxLatency $sb 700 DELETE "/api/v2/Payment/Customers/$missingId"
        $out = @($missingId, $ids[0], $missingId2, $ids[1] | Remove-SecuCustomer -Force -PassThru -ErrorVariable errs 2>$null)
        $out.Id | Should -Be $ids[0], $ids[1]
        $errs.Count | Should -Be 2
        $errs[0].TargetObject | Should -Be $missingId
        $errs[1].TargetObject | Should -Be $missingId2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProductNotFoundException,*'
    }

    It 'sends nothing under -WhatIf' {
        $c = New-SandboxCustomer $sb @{ forename = 'What'; surname = 'If' }
        Clear-SandboxRequestLog $sb
        $rows = 1..6 | ForEach-Object { [pscustomobject]@{ Forename = 'What'; Surname = "If$_" } }
        $r = Invoke-RecordingHost $sb {
            param($Rows, $Id)
            $Rows | New-SecuCustomer -WhatIf
            1..3 | ForEach-Object { $Id } | Set-SecuCustomer -City Nowhere -WhatIf
            1..3 | ForEach-Object { $Id } | Remove-SecuCustomer -WhatIf
        } -ArgumentList $rows, $c.id
        @($r.Lines -like 'What if:*').Count | Should -Be 12
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*' | Where-Object method -NE 'GET').Count | Should -Be 0
        @(Get-SandboxCustomer $sb).Count | Should -Be 1
    }

    It 'asks on the pipeline thread, in input order, and sends only what was confirmed' {
        $customers = @(foreach ($n in 'Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay') { New-SandboxCustomer $sb @{ forename = $n; surname = 'Prompt' } })
        Clear-SandboxRequestLog $sb
        # The host answers No for two customers, Yes for the others. Remove's impact is High, so the default
        # $ConfirmPreference asks for every record.
        $r = Invoke-RecordingHost $sb {
            param($Ids)
            [Environment]::CurrentManagedThreadId
            $Ids | Remove-SecuCustomer -ThrottleLimit 4 -PassThru
        } -ArgumentList (, [string[]]$customers.id) -Decline $customers[1].id, $customers[4].id
        $r.Errors | Should -BeNullOrEmpty
        $out = $r.Output
        $pipelineThread = $out[0]
        $r.Prompts.Count | Should -Be 6
        for ($i = 0; $i -lt 6; $i++) { $r.Prompts[$i] | Should -Match ([regex]::Escape($customers[$i].id)) }
        @($r.PromptThreads | Select-Object -Unique) | Should -Be @($pipelineThread)
        # Only the confirmed records were sent, and their output keeps the input order.
        @($out | Select-Object -Skip 1 | ForEach-Object Id) | Should -Be @($customers[0, 2, 3, 5].id)
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers/*' -Method DELETE).Count | Should -Be 4
        @(Get-SandboxCustomer $sb | ForEach-Object id | Sort-Object) | Should -Be @($customers[1, 4].id | Sort-Object)
    }

    It 'applies two changes to one customer in order' {
        $c = New-SandboxCustomer $sb @{ forename = 'Same'; surname = 'Id' }
        # The first record's read is slow: without waiting for it, the second would be overwritten.
        Add-SandboxLatency $sb 600 GET "/api/v2/Payment/Customers/$($c.id)" -Count 1
        $rows = [pscustomobject]@{ Id = $c.id; Forename = 'First' }, [pscustomobject]@{ Id = $c.id; City = 'Second' }
        $rows | Set-SecuCustomer
        $stored = Get-SandboxCustomer $sb -Id $c.id
        $stored.contact.forename | Should -Be 'First'
        $stored.contact.address.city | Should -Be 'Second'
        @(Get-SandboxRequestLog $sb -Method PUT).Count | Should -Be 2
    }

    It 'takes each record''s own values under concurrency' {
        $ids = foreach ($i in 1..4) { (New-SandboxCustomer $sb @{ forename = 'Snap'; surname = "Shot$i" }).id }
        $rows = @(
            [pscustomobject]@{ Id = $ids[0]; City = 'Berlin' }
            [pscustomobject]@{ Id = $ids[1]; Email = 'b@example.com' }
            [pscustomobject]@{ Id = $ids[2]; City = 'Dresden' }
            [pscustomobject]@{ Id = $ids[3]; Email = 'd@example.com' })
        $out = @($rows | Set-SecuCustomer -PassThru)
        $out.Id | Should -Be $ids
        $out.City | Should -Be 'Berlin', $null, 'Dresden', $null
        $out.Email | Should -Be $null, 'b@example.com', $null, 'd@example.com'
    }

    It 'writes progress for bulk input and ends it with a Completed record' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $conn)
                    Import-Module $m
                    1..20 | ForEach-Object { [pscustomobject]@{ Forename = 'Progress'; Surname = "Row$_" } } | New-SecuCustomer -Connection $conn
                }).AddArgument((Get-SecuModulePath)).AddArgument($conn)
            $out = $ps.Invoke()
            $out.Count | Should -Be 20
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 0
            $mine = @($progress | Where-Object Activity -EQ 'Creating customers')
            $mine.Count | Should -BeGreaterThan 0
            $mine[-1].RecordType | Should -Be 'Completed'
            @($mine | Where-Object RecordType -EQ 'Completed').Count | Should -Be 1
        } finally { $ps.Dispose() }
    }

    It 'stops within the grace period for calls in flight and leaves no request running' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        Add-SandboxLatency $sb 20000 POST '/api/v2/Payment/Customers'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $conn)
                    Import-Module $m
                    1..8 | ForEach-Object { [pscustomobject]@{ Forename = 'Stop'; Surname = "Row$_" } } | New-SecuCustomer -Connection $conn
                }).AddArgument((Get-SecuModulePath)).AddArgument($conn)
            $async = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            while (@(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count -lt 4 -and [datetime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be 4
            # Timed by the pipeline's own state change; the held requests would otherwise take 20 s. The calls in flight
            # get 3 s to answer (docs/reliability.md), then are cancelled: the bound leaves room for a loaded machine.
            $stopped = Stop-PowerShellTimed $ps
            $stopped.State | Should -Be 'Stopped'
            $stopped.Milliseconds | Should -BeLessThan 10000
            # The run has fully ended once its runspace is closed: read the log then, no sleep.
            $ps.Dispose()
            Clear-SandboxFault $sb
            # The held requests were abandoned, none followed, and nothing was created.
            @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be 4
            @(Get-SandboxCustomer $sb).Count | Should -Be 0
        } finally { $ps.Dispose() }
    }
}
