# The small frictions of a new user's first hour: completion that repeats what is given, a silent -WhatIf, a query
# hidden in Verbose, the sandbox's port, dates in other digits, the connection table at 80 columns, and errors whose
# details and advice a user can act on.

BeforeDiscovery {
    # Representative failing commands: each writes or throws at least one error, and every error needs advice.
    $script:FailingCommands = @(
        @{ Case = 'an id of the wrong form'; Script = 'Get-SecuCustomer -Id nope' }
        @{ Case = 'an id that does not exist'; Script = 'Get-SecuCustomer -Id PCU_0000000000000000000000000000ZZ' }
        @{ Case = 'a date that is not one'; Script = 'New-SecuCustomer -Surname Lovelace -DateOfBirth soon' }
        @{ Case = 'a date with two readings'; Script = 'New-SecuCustomer -Surname Lovelace -DateOfBirth 03/04/1970' }
        @{ Case = 'a value the API refuses'; Script = 'New-SecuCustomer -Surname Lovelace -Country Germany' }
        @{ Case = 'a filter on an unknown name'; Script = 'Get-SecuCustomer -Filter Nope:1' }
        @{ Case = 'a sort order that is none'; Script = 'Get-SecuCustomer -Sort Email:sideways' }
        @{ Case = 'clearing an unknown field'; Script = 'Set-SecuCustomer -Id PCU_0000000000000000000000000000ZZ -Clear Nope' }
        @{ Case = 'a contact with an unknown key'; Script = 'New-SecuCustomer -Contact @{ nope = 1 }' }
        @{ Case = 'a record without fields'; Script = '[pscustomobject]@{ Foo = 1 } | New-SecuCustomer' }
        @{ Case = 'an export''s unknown country'; Script = '[pscustomobject]@{ ''Last Name'' = ''Nowhere''; ''Home Country/Region'' = ''Atlantis'' } | New-SecuCustomer' }
        @{ Case = 'a request to another host'; Script = 'Invoke-SecuConnectRequest Get https://elsewhere.example.com/api/v2/Payment/Customers' }
        @{ Case = 'a body that is not JSON'; Script = 'Invoke-SecuConnectRequest Post Payment/Customers -Body ''{oops''' }
        @{ Case = 'wrong credentials'; Script = 'Connect-SecuConnect -BaseUri $sb.BaseUri -Credential ([pscredential]::new(''nobody'', (ConvertTo-SecureString ''wrong'' -AsPlainText -Force))) -PassThru' }
        @{ Case = 'an API failure after retries'; Script = 'Add-SandboxFault $sb -Status 500 -Method GET; try { Get-SecuCustomer -First 1 -Connection $noRetry } finally { Clear-SandboxFault $sb }' }
        @{ Case = 'a create whose outcome is unknown'; Script = 'Add-SandboxFault $sb -Status 502 -Method POST -Phase after -Count 1; try { New-SecuCustomer -Surname Lovelace -Connection $noRetry } finally { Clear-SandboxFault $sb }' }
        @{ Case = 'no connection'; Script = 'Disconnect-SecuConnect; try { Get-SecuCustomer -First 1 } finally { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | ForEach-Object { $_.Trim("'") })
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Completing a list of names' {
    It 'leaves out what <Line> already gives' -ForEach @(
        @{ Line = 'Get-SecuCustomer -Property Email,'; Given = 'Email'; Expected = 'Surname' }
        @{ Line = 'Get-SecuCustomer -Property Email, Surname, '; Given = 'Email', 'Surname'; Expected = 'City' }
        @{ Line = 'Get-SecuCustomer -Property Mail,'; Given = 'Email'; Expected = 'City' }
        @{ Line = 'Get-SecuCustomer -Sort Email:desc,'; Given = 'Email', 'Email:desc'; Expected = 'Surname' }
        @{ Line = 'Set-SecuCustomer -Clear Fax,'; Given = 'Fax'; Expected = 'Title' }
        @{ Line = 'Set-SecuCustomer -Clear Fax,Title,F'; Given = 'Fax'; Expected = 'Forename' }
    ) {
        $offered = Get-Completion $Line
        $offered | Should -Contain $Expected
        foreach ($name in $Given) { $offered | Should -Not -Contain $name }
    }

    It 'still completes the name being typed when it is the only one' {
        Get-Completion 'Get-SecuCustomer -Property Email' | Should -Contain 'Email'
    }

    It 'leaves out the names before the comma of a quoted -Sort' {
        $offered = Get-Completion "Get-SecuCustomer -Sort 'Surname,"
        $offered | Should -Contain 'Surname,City'
        $offered | Should -Not -Contain 'Surname,Surname'
    }
}

Describe 'Set-SecuCustomer -WhatIf for a record that changes nothing' {
    BeforeAll {
        $script:c = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; email = 'ada@example.com' }
    }

    It 'says "no change" for that record, beside the What if line of a record that changes' {
        Clear-SandboxRequestLog $sb
        $r = Invoke-RecordingHost $sb { param($Id) Set-SecuCustomer -Id $Id, $Id -Email 'ada@example.com' -WhatIf; Set-SecuCustomer -Id $Id -Email 'new@example.com' -WhatIf } -ArgumentList $c.id
        @($r.Lines -like "What if: Update customer $($c.id) (Ada Lovelace): no change*").Count | Should -Be 2
        @($r.Lines -like "What if: Update customer $($c.id) (Ada Lovelace):*new@example.com*").Count | Should -Be 1
        $r.Prompts | Should -BeNullOrEmpty
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*') | Where-Object method -NE 'GET' | Should -BeNullOrEmpty
    }

    It 'neither prompts nor writes a What if line under -Confirm' {
        $r = Invoke-RecordingHost $sb { param($Id) Set-SecuCustomer -Id $Id -Email 'ada@example.com' -Confirm } -ArgumentList $c.id
        $r.Prompts | Should -BeNullOrEmpty
        $r.Lines -like 'What if:*' | Should -BeNullOrEmpty
        $r.Errors | Should -BeNullOrEmpty
    }
}

Describe 'Verbose and Debug show how a filter was translated' {
    It 'names the API paths of the filter and masks its values in <Stream>' -ForEach @(
        @{ Stream = 'Verbose'; Type = [System.Management.Automation.VerboseRecord] }
        @{ Stream = 'Debug'; Type = [System.Management.Automation.DebugRecord] }
    ) {
        $lines = @(Get-SecuCustomer -Filter 'City:Berlin AND NOT Surname:"Love lace"' -Verbose -Debug 4>&1 5>&1 |
            Where-Object { $_ -is $Type } | ForEach-Object Message | Where-Object { $_ -like 'GET *Customers*' })
        $lines | Should -Not -BeNullOrEmpty
        $lines[0] | Should -Match ([regex]::Escape('q=contact.address.city:*** AND NOT contact.surname:***'))
        $lines -join "`n" | Should -Not -Match 'Berlin|Love'
    }
}

Describe 'build.ps1 sandbox -Port 0' {
    It 'prints the port the sandbox got, and that address connects' {
        $psi = [System.Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME 'pwsh'))
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot '../build.ps1'), 'sandbox', '-Port', '0', '-NoBuild') { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['NO_COLOR'] = '1'
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $null = $process.StandardError.ReadToEndAsync()
            $line = $null
            while ($null -eq $line) {
                $read = $process.StandardOutput.ReadLineAsync()
                if (-not $read.Wait(60000)) { throw 'build.ps1 sandbox printed no Connect line within 60 s' }
                if ($null -eq $read.Result) { throw "build.ps1 sandbox ended before it printed the Connect line (exit code $($process.ExitCode))" }
                if ($read.Result -like 'Connect with:*') { $line = $read.Result }
            }
            $line -match '-BaseUri http://127\.0\.0\.1:(\d+) ' | Should -BeTrue
            [int]$Matches[1] | Should -BeGreaterThan 0
            $uri = "http://127.0.0.1:$($Matches[1])"
            $conn = Connect-SecuConnect -BaseUri $uri -Credential $sb.Credential -PassThru
            @(Get-SecuCustomer -First 1 -Connection $conn -ErrorAction Stop).Count | Should -BeLessOrEqual 1
            $conn.BaseUri.ToString().TrimEnd('/') | Should -Be $uri
        }
        finally {
            $process.Kill($true)
            $process.WaitForExit()
            $process.Dispose()
            Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        }
    }
}

Describe 'A date of birth in other digits, or as a number' {
    It 'reads <Case> as 1970-04-03' -ForEach @(
        @{ Case = 'Persian digits'; Value = '۱۹۷۰-۰۴-۰۳' }
        @{ Case = 'Arabic-Indic digits'; Value = '١٩٧٠-٠٤-٠٣' }
        @{ Case = 'fullwidth digits'; Value = '１９７０-０４-０３' }
        @{ Case = 'the integer 19700403'; Value = 19700403 }
        @{ Case = 'the string 19700403'; Value = '19700403' }
    ) {
        $c = New-SecuCustomer -Surname Digits -DateOfBirth $Value
        (Get-SandboxCustomer $sb -Id $c.Id).contact.dob | Should -Match '^1970-04-03'
    }

    It 'reads them from a CSV row and from -Contact too' {
        $c = [pscustomobject]@{ Surname = 'Digits'; DateOfBirth = '٠٣.٠٤.١٩٧٠' } | New-SecuCustomer
        (Get-SandboxCustomer $sb -Id $c.Id).contact.dob | Should -Match '^1970-04-03'
        $c = New-SecuCustomer -Contact @{ surname = 'Digits'; dob = 19700403 }
        (Get-SandboxCustomer $sb -Id $c.Id).contact.dob | Should -Match '^1970-04-03'
    }

    It 'refuses a number that is no date with InvalidDateOfBirth' {
        New-SecuCustomer -Surname Digits -DateOfBirth 19701399 -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'InvalidDateOfBirth,SecuConnect.Commands.NewSecuCustomerCommand'
    }
}

Describe 'The connection table at 80 columns' {
    It 'shows the token expiry in full' {
        $ctx = Get-SecuConnectContext
        $lines = @(($ctx | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 3
        @($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be 'Environment', 'BaseUri', 'ClientId', 'TokenExpiresOn'
        $lines[2] | Should -Match ([regex]::Escape($ctx.TokenExpiresOn.ToLocalTime().ToString('yyyy-MM-dd HH:mm:ss')) + '$')
        $lines[2] | Should -Match ([regex]::Escape($sb.BaseUri))
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Errors a user can act on' {
    BeforeAll {
        $script:noRetry = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -MaximumRetryCount 0 -PassThru
    }

    It 'keeps the message PowerShell shows in ErrorDetails and adds the API''s text for users and its supportId' {
        Get-SecuCustomer -Id PCU_0000000000000000000000000000ZZ -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $ex = $e[0].Exception
        $ex.ErrorUser | Should -Not -BeNullOrEmpty
        $e[0].ErrorDetails.Message | Should -BeLike "$([WildcardPattern]::Escape($ex.Message))*"
        $e[0].ErrorDetails.Message | Should -Match ([regex]::Escape($ex.ErrorUser))
        $e[0].ErrorDetails.Message | Should -Match ([regex]::Escape($ex.SupportId))
        $e[0].ErrorDetails.Message | Should -Match 'HTTP 404'
    }

    It 'adds the details and supportId an OutcomeUnknown message leaves out' {
        Add-SandboxFault $sb -Status 502 -Method POST -Phase after -Count 1
        try { New-SecuCustomer -Surname Lovelace -Connection $noRetry -ErrorVariable e -ErrorAction SilentlyContinue }
        finally { Clear-SandboxFault $sb }
        $e[0].FullyQualifiedErrorId | Should -BeLike 'OutcomeUnknown,*'
        $e[0].Exception.SupportId | Should -Not -BeNullOrEmpty
        $e[0].Exception.Message | Should -Not -Match ([regex]::Escape($e[0].Exception.SupportId))
        $e[0].ErrorDetails.Message | Should -Match ([regex]::Escape($e[0].Exception.SupportId))
    }

    It 'gives advice (RecommendedAction) for <Case>' -ForEach $FailingCommands {
        $WarningPreference = 'SilentlyContinue'
        $errors = [System.Collections.Generic.List[object]]::new()
        try {
            & ([scriptblock]::Create($Script)) 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } }
        }
        catch { $errors.Add($_) }
        $errors.Count | Should -BeGreaterThan 0
        foreach ($record in $errors) {
            $record.FullyQualifiedErrorId | Should -Match 'SecuConnect\.Commands\.'
            $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because $record.FullyQualifiedErrorId
        }
    }
}
