# Every record of a bulk New, Set or Remove is accounted for when the run stops: nothing is sent after a failing
# record under ErrorAction Stop; after an early end (Select-Object -First, a downstream error, Ctrl+C) each record in
# flight is reported as a warning; a dead API ends the run quickly with the records not attempted named; a summary
# goes to the Information stream.

BeforeDiscovery {
    $script:stopCases = foreach ($command in 'New-SecuCustomer', 'Set-SecuCustomer', 'Remove-SecuCustomer') {
        foreach ($mode in 'the -ErrorAction parameter', '$ErrorActionPreference') { @{ Command = $command; Mode = $mode } }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    if (-not ('SecuConnectTests.RecordingHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'hosts/RecordingHost.cs') }

    # A fault without a status only delays the matching requests; phase 'after' delays the answer once the change is made.
    function Get-CustomerRequest($Sandbox) { @(Get-SandboxRequestLog $Sandbox -Path '/api/v2/Payment/Customers*') }
    function Get-IdsIn([string[]] $Text) { @($Text | ForEach-Object { [regex]::Matches($_, 'PCU_[A-Z0-9]{30}').Value } | Where-Object { $_ }) }
    function Wait-Until([scriptblock] $Condition, [int] $TimeoutSec = 20) {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (& $Condition)) {
            if ([datetime]::UtcNow -gt $deadline) { throw "Timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }
    $script:missingId = 'PCU_' + ('Z' * 30)
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Stop means stop' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It '<Command> sends nothing after the failing record under <Mode> Stop' -ForEach $stopCases {
        switch ($Command) {
            'New-SecuCustomer' {
                # Row 3's e-mail is refused by the API (400).
                $rows = foreach ($i in 1..6) { [pscustomobject]@{ Forename = 'Stop'; Surname = "Row$i"; Email = $(if ($i -eq 3) { 'not-an-email' } else { "row$i@example.com" }) } }
                $expectedError = 'ProductFormatException,*'
            }
            'Set-SecuCustomer' {
                $ids = foreach ($i in 1..6) { (New-SandboxCustomer $sb @{ forename = 'Stop'; surname = "Row$i" }).id }
                $ids[2] = $missingId
                $rows = foreach ($i in 0..5) { [pscustomobject]@{ Id = $ids[$i]; City = "City$i" } }
                $expectedError = 'ProductNotFoundException,*'
            }
            'Remove-SecuCustomer' {
                $ids = foreach ($i in 1..6) { (New-SandboxCustomer $sb @{ forename = 'Stop'; surname = "Row$i" }).id }
                $ids[2] = $missingId
                $rows = $ids
                $expectedError = 'ProductNotFoundException,*'
            }
        }
        # Slow answers: records sent side by side would reach the server before the failure is known.
        Add-SandboxLatency $sb 150
        Clear-SandboxRequestLog $sb
        $parameters = @{ ThrottleLimit = 4 }
        if ($Command -ne 'New-SecuCustomer') { $parameters.PassThru = $true }
        if ($Command -eq 'Remove-SecuCustomer') { $parameters.Force = $true }
        $caught = $null
        if ($Mode -eq 'the -ErrorAction parameter') {
            try { $rows | & $Command @parameters -ErrorAction Stop -OutVariable made } catch { $caught = $_ }
        } else {
            $ErrorActionPreference = 'Stop'
            try { $rows | & $Command @parameters -OutVariable made } catch { $caught = $_ }
        }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike $expectedError
        @($made).Count | Should -Be 2
        $log = Get-CustomerRequest $sb
        # The failing request is the last one the server saw.
        $log[-1].status | Should -BeIn 400, 404
        @($log | Where-Object status -GE 400).Count | Should -Be 1
        switch ($Command) {
            'New-SecuCustomer' {
                @($log | Where-Object method -EQ POST).Count | Should -Be 3
                @(Get-SandboxCustomer $sb).Count | Should -Be 2
            }
            'Set-SecuCustomer' {
                @($log | Where-Object method -EQ PUT).Count | Should -Be 2
                foreach ($later in $ids[3..5]) {
                    @($log | Where-Object path -Like "*$later").Count | Should -Be 0
                    (Get-SandboxCustomer $sb -Id $later).contact.address.city | Should -BeNullOrEmpty
                }
            }
            'Remove-SecuCustomer' {
                # -PassThru reads each customer before its DELETE: the missing one fails at that read (404).
                @($log | Where-Object method -EQ DELETE).Count | Should -Be 2
                $log[-1].method | Should -Be GET
                foreach ($later in $ids[3..5]) { Get-SandboxCustomer $sb -Id $later | Should -Not -BeNullOrEmpty }
            }
        }
    }

    It 'keeps -ThrottleLimit when errors do not stop the run' {
        Add-SandboxLatency $sb 300 POST
        $rows = foreach ($i in 1..4) { [pscustomobject]@{ Forename = 'Go'; Surname = "On$i" } }
        Clear-SandboxRequestLog $sb
        $out = @($rows | New-SecuCustomer -ErrorAction Continue)
        $out.Count | Should -Be 4
        $posts = @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers')
        # The 4 POSTs arrive before the first answer (300 ms): they overlap.
        $at = @($posts | ForEach-Object { ([datetimeoffset]$_.at).UtcDateTime })
        ($at[-1] - $at[0]).TotalMilliseconds | Should -BeLessThan 250
    }
}

Describe 'Nothing done in silence after an early end' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        Clear-SandboxRequestLog $sb
        $script:rows = foreach ($i in 1..8) { [pscustomobject]@{ Forename = 'Early'; Surname = "Row$i" } }
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'reports the records in flight when Select-Object -First 2 ends the pipeline' {
        # Customers are created at once, their answers come 400 ms later: several are in flight when Select has two.
        Add-SandboxLatency $sb 400 POST -Phase after
        $out = @($rows | New-SecuCustomer -WarningVariable warned -InformationVariable info 3>$null | Select-Object -First 2)
        $out.Count | Should -Be 2
        $stored = @(Get-SandboxCustomer $sb)
        $stored.Count | Should -BeGreaterThan 2
        $warnedIds = Get-IdsIn $warned
        $warnedIds.Count | Should -Be ($stored.Count - 2)
        @($stored.id | Where-Object { $_ -notin @($out.Id) + $warnedIds }) | Should -BeNullOrEmpty
        # Nothing new was sent after the end: at most the records in flight beside the two written.
        @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be $stored.Count
        $stored.Count | Should -BeLessOrEqual 6
        $summary = @($info | Where-Object Tags -Contains 'SecuConnect.Summary')
        $summary.Count | Should -Be 1
        $summary[0].MessageData.Done | Should -Be $stored.Count
    }

    It 'reports the records in flight when a downstream command fails' {
        Add-SandboxLatency $sb 400 POST -Phase after
        $caught = $null
        try {
            $rows | New-SecuCustomer -OutVariable made -WarningVariable warned 3>$null |
                ForEach-Object { if ($_.Surname -eq 'Row2') { throw 'downstream failure' } }
        } catch { $caught = $_ }
        "$caught" | Should -Be 'downstream failure'
        $stored = @(Get-SandboxCustomer $sb)
        $warnedIds = Get-IdsIn $warned
        $warnedIds.Count | Should -BeGreaterThan 0
        @($stored.id | Where-Object { $_ -notin @($made.Id) + $warnedIds }) | Should -BeNullOrEmpty
        @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be $stored.Count
    }

    Context 'a stop signal (Ctrl+C)' {
        BeforeEach {
            $script:recordingHost = [SecuConnectTests.RecordingHost]::new()
            $script:rs = [runspacefactory]::CreateRunspace($recordingHost, [initialsessionstate]::CreateDefault2())
            $rs.Open()
            $script:ps = [powershell]::Create()
            $ps.Runspace = $rs
            $script:conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
            $null = $ps.AddScript({
                    param($Module, $Connection, $Rows)
                    Import-Module $Module
                    $Rows | New-SecuCustomer -Connection $Connection -WarningVariable endWarnings -InformationVariable endInfo
                }).AddArgument((Get-SecuModulePath)).AddArgument($conn).AddArgument($rows)
        }
        AfterEach {
            $ps.Dispose()
            $rs.Dispose()
        }

        It 'waits for the calls in flight and reports each created customer to the host and -WarningVariable' {
            Add-SandboxLatency $sb 1500 POST -Phase after
            $async = $ps.BeginInvoke()
            Wait-Until { @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count -ge 4 }
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $stored = @(Get-SandboxCustomer $sb)
            $stored.Count | Should -Be 4
            # Nothing new was sent after the stop.
            @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be 4
            $hostIds = Get-IdsIn $recordingHost.Recorder.Warnings
            @($hostIds | Sort-Object) | Should -Be @($stored.id | Sort-Object)
            $variable = @($rs.SessionStateProxy.GetVariable('endWarnings'))
            @(Get-IdsIn ($variable | ForEach-Object Message) | Sort-Object) | Should -Be @($stored.id | Sort-Object)
            $summary = @($rs.SessionStateProxy.GetVariable('endInfo') | Where-Object Tags -Contains 'SecuConnect.Summary')
            $summary[0].MessageData.Done | Should -Be 4
        }

        It 'reports the records without an answer within the grace period as OutcomeUnknown with their input row' {
            # The server holds the creates for 20 s: they are abandoned after the grace period.
            Add-SandboxLatency $sb 20000 POST
            $async = $ps.BeginInvoke()
            Wait-Until { @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count -ge 4 }
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $sw.Stop()
            # Bounded: the documented 3 s grace, then cancellation; generous for a loaded machine.
            $sw.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2.5
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 15
            $unknown = @($recordingHost.Recorder.Warnings | Where-Object { $_ -match 'OutcomeUnknown' })
            $unknown.Count | Should -Be 4
            foreach ($i in 1..4) { @($unknown | Where-Object { $_ -match "Surname=Row$i\b" }).Count | Should -Be 1 }
            @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be 4
            $summary = @($rs.SessionStateProxy.GetVariable('endInfo') | Where-Object Tags -Contains 'SecuConnect.Summary')
            $summary[0].MessageData.Unknown | Should -Be 4
        }
    }
}

Describe 'A dead API ends the run' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
        Clear-SandboxRequestLog $sb
    }
    AfterEach { Clear-SandboxFault $sb }

    It 'ends 40 creates answered with 503 quickly, each row failed or reported as not attempted' {
        # A fresh connection has a full retry budget and the default retry settings (5 retries, 1 s base interval).
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        Add-SandboxFault $sb -Status 503 -Method POST -PathPrefix '/api/v2/Payment/Customers'
        $rows = foreach ($i in 1..40) { [pscustomobject]@{ Forename = 'Dead'; Surname = "Row$i" } }
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $caught = $null
        try { $rows | New-SecuCustomer -Connection $conn -ErrorVariable errs -InformationVariable info 2>$null } catch { $caught = $_ }
        $sw.Stop()
        # Without the budget each row would wait through five retries (about 15 s each).
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 60
        # No terminating error: each row not sent is its own error.
        $caught | Should -BeNullOrEmpty
        $notAttempted = @($errs | Where-Object FullyQualifiedErrorId -eq 'NotAttempted,SecuConnect.Commands.NewSecuCustomerCommand')
        $notAttempted.Count | Should -BeGreaterThan 0
        $notAttempted | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'ResourceUnavailable' }
        $failed = @($errs | Where-Object FullyQualifiedErrorId -ne 'NotAttempted,SecuConnect.Commands.NewSecuCustomerCommand')
        $failed.Count | Should -BeGreaterOrEqual 5
        ($failed.Count + $notAttempted.Count) | Should -Be 40
        # Each row is the target of exactly one error.
        @($errs | ForEach-Object { $_.TargetObject.Surname } | Sort-Object) | Should -Be @($rows.Surname | Sort-Object)
        # Not attempted means not sent: the server saw only the failed rows' requests (first attempts and the budget's retries).
        # docs/reliability.md: a capacity of 100, and a retry after a 5xx answer costs 5.
        $retries = 100 / 5
        @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -BeLessOrEqual ($failed.Count + $retries)
        $summary = @($info | Where-Object Tags -Contains 'SecuConnect.Summary')
        $summary.Count | Should -Be 1
        $summary[0].MessageData.Failed | Should -Be $failed.Count
        $summary[0].MessageData.NotAttempted | Should -Be $notAttempted.Count
        $summary[0].MessageData.Done | Should -Be 0
        $summary[0].MessageData.Abandoned | Should -BeTrue
        @(Get-SandboxCustomer $sb).Count | Should -Be 0
    }

    It 'fails a request at once, without retrying, once the budget is spent' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -RetryIntervalSec 0 -PassThru
        Add-SandboxFault $sb -Status 503 -Method GET -PathPrefix '/api/v2/Payment/Customers'
        $id = 'PCU_' + ('A' * 30)
        # Reads with 5 retries each spend the budget: docs/reliability.md gives a capacity of 100 and a cost of 5 a retry.
        $retries = 100 / 5
        foreach ($n in 1..($retries / 5)) { Get-SecuCustomer -Id $id -Connection $conn -ErrorAction SilentlyContinue }
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Get-SecuCustomer -Id $id -Connection $conn -Verbose 4>&1 }
        @(Get-SandboxRequestLog $sb -Method GET -Path "*/Customers/$id").Count | Should -Be 1
        $r.Errors[0].Exception.Message | Should -Match 'retry budget is empty'
        @($r.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'retry budget is empty' }).Count | Should -Be 1
        # Successes refill it: after the API answers again, a failure is retried again.
        Clear-SandboxFault $sb
        $c = New-SecuCustomer -Forename Budget -Surname Refill -Connection $conn
        foreach ($n in 1..10) { $null = Get-SecuCustomer -Id $c.Id -Connection $conn }
        Add-SandboxFault $sb -Status 503 -Count 1 -Method GET -PathPrefix '/api/v2/Payment/Customers'
        Clear-SandboxRequestLog $sb
        (Get-SecuCustomer -Id $c.Id -Connection $conn).Id | Should -Be $c.Id
        @(Get-SandboxRequestLog $sb -Method GET -Path "*/Customers/$($c.Id)").status | Should -Be 503, 200
    }
}

Describe 'Summary' {
    BeforeEach {
        Clear-SandboxFault $sb
        Reset-Sandbox $sb
    }

    It 'counts done and failed records, including those rejected before sending' {
        $ids = foreach ($i in 1..3) { (New-SandboxCustomer $sb @{ forename = 'Sum'; surname = "Row$i" }).id }
        $in = @($ids[0], 'not-an-id', $missingId, $ids[1], $ids[2])
        $in | Remove-SecuCustomer -Force -InformationVariable info -ErrorAction SilentlyContinue
        $summary = @($info | Where-Object Tags -Contains 'SecuConnect.Summary')
        $summary.Count | Should -Be 1
        $s = $summary[0].MessageData
        $s.Done | Should -Be 3
        $s.Failed | Should -Be 2
        $s.Unknown | Should -Be 0
        $s.NotAttempted | Should -Be 0
        "$s" | Should -Be 'Remove-SecuCustomer: 3 removed, 2 failed, 0 outcome unknown, 0 not attempted.'
    }
}
