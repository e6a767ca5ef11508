# What users see and log holds no personal data or secret: Verbose names customers by id (or a record by its
# position), -WhatIf and the prompt keep the names a person asked to see; no prompt for a record a bulk run will not
# send; Invoke-SecuConnectRequest shows its path masked in every stream.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function Get-VerboseText($Records) {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
    # Every stream of a recording-host run as text: Verbose, Debug, warnings, Information, progress, errors (message,
    # details, target) and the host's lines.
    function Get-StreamText($Run) {
        @(
            $Run.Verbose | ForEach-Object Message
            $Run.Debug | ForEach-Object Message
            $Run.Warnings | ForEach-Object Message
            $Run.Information | ForEach-Object { "$($_.MessageData)" }
            $Run.Progress | ForEach-Object { $_.Activity, $_.StatusDescription, $_.CurrentOperation }
            $Run.Errors | ForEach-Object { $_.Exception.Message, $_.ErrorDetails.Message, "$($_.TargetObject)", "$($_.Exception.RequestUri)" }
            $Run.Lines
        ) -join "`n"
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Verbose names customers by id, never by personal data' {
    It 'New-SecuCustomer names each record by its position in the input' {
        $rows = @(
            [pscustomobject]@{ Forename = 'Ada'; Surname = 'Lovelace'; City = 'London' }
            [pscustomobject]@{ Forename = 'Grace'; Surname = 'Hopper'; City = 'Arlington' }
        )
        $verbose = Get-VerboseText ($rows | New-SecuCustomer -Verbose 4>&1)
        $verbose | Should -Contain 'Performing the operation "Create customer" on target "record 1".'
        $verbose | Should -Contain 'Performing the operation "Create customer" on target "record 2".'
        ($verbose -join "`n") | Should -Not -Match 'Ada|Lovelace|London|Grace|Hopper|Arlington'
    }

    It 'Set-SecuCustomer and Remove-SecuCustomer name the customer by id only' {
        $c = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; address = @{ city = 'London' } }
        $customer = Get-SecuCustomer -Id $c.id
        $set = Get-VerboseText ($customer | Set-SecuCustomer -Email 'ada@example.com' -Verbose 4>&1)
        $set | Should -Contain "Performing the operation `"Update customer`" on target `"$($c.id)`"."
        $removed = Get-VerboseText ($customer | Remove-SecuCustomer -Confirm:$false -Verbose 4>&1)
        $removed | Should -Contain "Performing the operation `"Remove customer`" on target `"$($c.id)`"."
        (($set + $removed) -join "`n") | Should -Not -Match 'Ada|Lovelace|London|ada@example'
        Get-SandboxCustomer $sb -Id $c.id | Should -BeNullOrEmpty
    }

    It '-WhatIf and the -Confirm prompt keep the name, which Verbose in the same run does not show' {
        $c = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; address = @{ city = 'London' } }
        $r = Invoke-RecordingHost $sb {
            param($Id)
            Get-SecuCustomer -Id $Id | Set-SecuCustomer -City Paris -WhatIf -Verbose
            New-SecuCustomer -Forename Grace -Surname Hopper -Confirm -Verbose
            Get-SecuCustomer -Id $Id | Remove-SecuCustomer -Confirm -Verbose
        } -ArgumentList $c.id
        @($r.Lines | Where-Object { $_ -match "^What if: Update customer $($c.id) \(Ada Lovelace\)" }).Count | Should -Be 1
        $r.Prompts.Count | Should -Be 2
        $r.Prompts[0] | Should -Match 'Create customer Grace Hopper'
        $r.Prompts[1] | Should -Match ([regex]::Escape("$($c.id) (Ada Lovelace, London)"))
        ($r.Verbose | ForEach-Object Message) -join "`n" | Should -Not -Match 'Ada|Lovelace|London|Grace|Hopper'
        Get-SandboxCustomer $sb -Id $c.id | Should -BeNullOrEmpty
    }

    It 'Invoke-SecuConnectRequest names its target masked in Verbose and -WhatIf' {
        $c = New-SandboxCustomer $sb @{ forename = 'Mask'; surname = 'Target' }
        $path = "Payment/Customers/$($c.id)?access_token=tok-in-path-3301"
        $r = Invoke-RecordingHost $sb {
            param($P)
            Invoke-SecuConnectRequest Put $P -Body @{ contact = @{ surname = 'Target' } } -WhatIf
            Invoke-SecuConnectRequest Put $P -Body @{ contact = @{ surname = 'Target' } } -Verbose
        } -ArgumentList $path
        @($r.Lines -like 'What if:*access_token=`*`*`**').Count | Should -Be 1
        @($r.Verbose | Where-Object Message -like 'Performing the operation "PUT"*access_token=`*`*`**').Count | Should -Be 1
        Get-StreamText $r | Should -Not -Match 'tok-in-path-3301'
    }
}

Describe 'No prompt for a record that will not be sent' {
    AfterEach { Clear-SandboxFault $sb }

    It 'New-SecuCustomer -Confirm stops asking once the run has stopped sending' {
        Add-SandboxFault $sb -Status 503 -Method POST -PathPrefix '/api/v2/Payment/Customers'
        Clear-SandboxRequestLog $sb
        $r = Invoke-RecordingHost $sb {
            param($BaseUri, $Credential)
            Connect-SecuConnect -BaseUri $BaseUri -Credential $Credential -MaximumRetryCount 0
            1..8 | ForEach-Object { [pscustomobject]@{ Forename = 'Prompt'; Surname = "Row$_" } } |
                New-SecuCustomer -Confirm -ThrottleLimit 1 -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed
        } -ArgumentList $sb.BaseUri, $sb.Credential
        $limit = [SecuConnect.Commands.SecuBulkCmdlet]::UnavailableStreakLimit
        $r.Prompts.Count | Should -Be $limit
        @(Get-SandboxRequestLog $sb -Method POST -Path '*/Payment/Customers').Count | Should -Be $limit
        $notSent = @($r.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'NotAttempted,*' })
        @($notSent | ForEach-Object { $_.TargetObject.Surname }) | Should -Be @('Row6', 'Row7', 'Row8')
    }
}

Describe 'Invoke-SecuConnectRequest shows its path masked in every stream' {
    BeforeAll {
        $script:email = 'masked.walker@example.com'
        $null = New-SandboxCustomer $sb @{ forename = 'Masked'; surname = 'Walker'; email = $email }
    }

    It 'a GET with a token and an e-mail filter in the path: Verbose, Debug and the result line' {
        $r = Invoke-RecordingHost $sb {
            param($P)
            Invoke-SecuConnectRequest Get $P -Verbose -Debug
        } -ArgumentList "Payment/Customers?access_token=tok-in-path-1177&q=contact.email:$email"
        $r.Output.Count | Should -Be 1
        @($r.Verbose | Where-Object Message -like '*: 1 of 1 items.').Count | Should -Be 1
        Get-StreamText $r | Should -Not -Match "tok-in-path-1177|$([regex]::Escape($email))"
    }

    It '-All with a client_secret in the path: Verbose, progress and warnings' {
        foreach ($i in 1..101) { $null = New-SandboxCustomer $sb @{ forename = 'Progress'; surname = "Secret$i" } }
        $r = Invoke-RecordingHost $sb {
            param($P)
            $ProgressPreference = 'Continue'
            Invoke-SecuConnectRequest Get $P -All -Verbose -Debug -InformationAction Continue
        } -ArgumentList 'Payment/Customers?client_secret=cs-in-path-2290&count=50&q=contact.surname:Secret*'
        $r.Output.Count | Should -Be 101
        @($r.Progress | Where-Object Activity -eq 'Invoke-SecuConnectRequest').Count | Should -BeGreaterThan 0
        @($r.Verbose | Where-Object Message -like 'GET *: 101 items in total.').Count | Should -Be 1
        Get-StreamText $r | Should -Not -Match 'cs-in-path-2290'
    }

    It 'errors: the target and the message hold the masked path' -ForEach @(
        @{ Case = 'an unknown id (404)'; Method = 'Get'; Path = "Payment/Customers/PCU_$('Q' * 30)?access_token=tok-in-path-4404"; Id = 'ProductNotFoundException' }
        @{ Case = 'a path outside /api/v2'; Method = 'Get'; Path = '../../oauth/token?client_secret=cs-in-path-4405'; Id = 'InvalidPath' }
        @{ Case = '-All on a POST'; Method = 'Post'; Path = "Payment/Customers?access_token=tok-in-path-4406&q=contact.email:$email"; Id = 'AllNeedsGet' }
    ) {
        $all = $Id -eq 'AllNeedsGet'
        $r = Invoke-RecordingHost $sb {
            param($M, $P, $All)
            try { if ($All) { Invoke-SecuConnectRequest $M $P -All -Verbose -Debug } else { Invoke-SecuConnectRequest $M $P -Verbose -Debug } }
            catch { $_ }
        } -ArgumentList $Method, $Path, $all
        $errors = @($r.Errors) + @($r.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$($errors[0].TargetObject)" | Should -Match '=\*\*\*'
        $r.Errors = $errors
        Get-StreamText $r | Should -Not -Match "in-path-44|$([regex]::Escape($email))"
    }
}
