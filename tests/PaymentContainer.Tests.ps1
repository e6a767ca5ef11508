# Get/New/Set/Remove-SecuPaymentContainer: a customer's bank accounts, as a user runs them against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    # A valid German IBAN of Commerzbank (bank code 37040044) for account number $Account: ISO 13616 check digits.
    function New-TestIban([long] $Account) {
        $bban = '37040044' + $Account.ToString('D10')
        $check = 98 - [int]([System.Numerics.BigInteger]::Parse($bban + '131400') % 97)
        'DE' + $check.ToString('D2') + $bban
    }
    function Get-ContainerPost { @(Get-SandboxRequestLog $sb -Method POST -Path '/api/v2/Payment/Containers') }
    function Get-StoredContainer([string] $Id) { Invoke-SandboxApi $sb GET "/Payment/Containers/$Id" }
    $script:iban = 'DE89370400440532013000'
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Adding a bank account to a customer' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace
    }

    It 'links the account to the customer piped from Get-SecuCustomer, the IBAN normalised' {
        $c = Get-SecuCustomer -Id $ada.Id | New-SecuPaymentContainer -Iban 'de89 3704 0044 0532 0130 00' -Owner 'Ada Lovelace' -Purpose 'Rent'
        @($c).Count | Should -Be 1
        $c.PSObject.TypeNames[0] | Should -Be 'SecuConnect.PaymentContainer'
        $c.Id | Should -MatchExactly '^PCT_[A-Z0-9]{30}$'
        $c.CustomerId | Should -Be $ada.Id
        $c.Customer.Id | Should -Be $ada.Id
        $c.Customer.Surname | Should -Be 'Lovelace'
        $c.Iban | Should -BeExactly $iban
        $c.Owner | Should -Be 'Ada Lovelace'
        $c.Bic | Should -Be 'COBADEFFXXX'
        $c.BankName | Should -Not -BeNullOrEmpty
        $c.MandateReference | Should -Be ('MREF-' + $c.Id.Substring(4))
        $c.IsMasked | Should -BeFalse
        $stored = Get-StoredContainer $c.Id
        $stored.private.iban | Should -BeExactly $iban
        $stored.private.purpose | Should -Be 'Rent'
        $stored.customer.id | Should -Be $ada.Id
    }

    It 'takes the customer by -CustomerId, and the account holder by its alias' {
        $c = New-SecuPaymentContainer -CustomerId $ada.Id -Iban (New-TestIban 1) -AccountHolder 'Ada L.'
        $c.CustomerId | Should -Be $ada.Id
        $c.Owner | Should -Be 'Ada L.'
    }

    It 'refuses an IBAN with wrong check digits before sending, naming the record but not the IBAN' {
        Clear-SandboxRequestLog $sb
        $bad = 'DE89370400440532013001'
        $out = New-SecuPaymentContainer -Iban $bad -Owner 'Ada Lovelace' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidIban,SecuConnect.Commands.NewSecuPaymentContainerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -Match 'record 1'
        $errs[0].Exception.Message | Should -Match 'check digits'
        $errs[0].Exception.Message | Should -Not -Match $bad
        Get-ContainerPost | Should -BeNullOrEmpty
    }

    It 'refuses an IBAN of the wrong length for its country' {
        $errs = (Invoke-Captured { New-SecuPaymentContainer -Iban 'DE8937040044053201300' -Owner 'Ada Lovelace' }).Errors
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidIban,SecuConnect.Commands.NewSecuPaymentContainerCommand'
        $errs[0].Exception.Message | Should -Match 'DE has 22 characters, this one has 21'
    }

    It 'refuses a BIC that is neither 8 nor 11 characters before sending' {
        Clear-SandboxRequestLog $sb
        $errs = (Invoke-Captured { New-SecuPaymentContainer -Iban (New-TestIban 2) -Bic 'COBADEF' -Owner 'Ada Lovelace' }).Errors
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidBic,SecuConnect.Commands.NewSecuPaymentContainerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ContainerPost | Should -BeNullOrEmpty
    }

    It 'sends nothing under -WhatIf' {
        Clear-SandboxRequestLog $sb
        $r = Invoke-RecordingHost $sb { param($Iban) New-SecuPaymentContainer -Iban $Iban -Owner 'Ada Lovelace' -WhatIf } -ArgumentList (New-TestIban 3)
        $r.Output.Count | Should -Be 0
        @($r.Lines -like 'What if: Create payment container bank account DE*').Count | Should -Be 1
        Get-ContainerPost | Should -BeNullOrEmpty
    }

    It 'refuses two different customers for one record' {
        $other = New-SecuCustomer -Forename Charles -Surname Babbage
        $errs = (Invoke-Captured { $ada | New-SecuPaymentContainer -CustomerId $other.Id -Iban (New-TestIban 4) -Owner 'Ada Lovelace' }).Errors
        $errs[0].FullyQualifiedErrorId | Should -Be 'ConflictingCustomer,SecuConnect.Commands.NewSecuPaymentContainerCommand'
    }
}

Describe 'Listing bank accounts' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace
        $script:bob = New-SecuCustomer -Forename Bob -Surname Builder
        $script:adas = @(
            $ada | New-SecuPaymentContainer -Iban (New-TestIban 10) -Owner 'Ada Lovelace'
            $ada | New-SecuPaymentContainer -Iban (New-TestIban 11) -Owner 'Ada Byron'
        )
        $script:bobs = $bob | New-SecuPaymentContainer -Iban (New-TestIban 12) -Owner 'Bob Builder'
        $script:unlinked = New-SecuPaymentContainer -Iban (New-TestIban 13) -Owner 'Nobody'
    }

    It 'lists the accounts of a customer piped from Get-SecuCustomer, never reading its id as a container id' {
        Clear-SandboxRequestLog $sb
        $found = Get-SecuCustomer -Id $ada.Id | Get-SecuPaymentContainer
        @($found.Id | Sort-Object) | Should -Be @($adas.Id | Sort-Object)
        $log = Get-SandboxRequestLog $sb -Path '/api/v2/Payment/Containers*'
        @($log | Where-Object path -match 'PCU_') | Should -BeNullOrEmpty
        @($log | Where-Object query -match ('customer\.id(:|%3A)' + $ada.Id)).Count | Should -BeGreaterThan 0
    }

    It 'lists the accounts of customers given by -CustomerId' {
        $found = Get-SecuPaymentContainer -CustomerId $ada.Id, $bob.Id
        @($found.Id | Sort-Object) | Should -Be @(@($adas.Id) + $bobs.Id | Sort-Object)
    }

    It 'filters and sorts with the output names' {
        Clear-SandboxRequestLog $sb
        $found = Get-SecuPaymentContainer -Filter 'Owner:Ada*' -Sort 'Owner:desc'
        @($found.Owner) | Should -Be @('Ada Lovelace', 'Ada Byron')
        $list = @(Get-SandboxRequestLog $sb -Method GET -Path '/api/v2/Payment/Containers')[0]
        [uri]::UnescapeDataString($list.query) | Should -Match 'q=private\.owner:Ada\*'
        [uri]::UnescapeDataString($list.query) | Should -Match 'sort=private\.owner:desc'
    }

    It 'pages with -First and -Skip, and -All lists everything' {
        @(Get-SecuPaymentContainer -Sort Created -First 2 -Skip 1).Count | Should -Be 2
        @(Get-SecuPaymentContainer -All).Count | Should -Be 4
    }

    It 'writes only the fetched properties with -Property' {
        $p = Get-SecuPaymentContainer -CustomerId $bob.Id -Property Owner
        $p.PSObject.TypeNames[0] | Should -Be 'SecuConnect.PartialPaymentContainer'
        @($p.PSObject.Properties.Name) | Should -Be @('Id', 'Owner')
        $p.Owner | Should -Be 'Bob Builder'
    }

    It 'reads one by -Id' {
        $c = Get-SecuPaymentContainer -Id $bobs.Id
        $c.Owner | Should -Be 'Bob Builder'
        $c.Customer.Forename | Should -Be 'Bob'
        (Get-SecuPaymentContainer -Id $unlinked.Id).Customer | Should -BeNullOrEmpty
    }

    It 'reports an unknown id as customers do: ProductNotFoundException, ObjectNotFound, with advice naming Get-SecuPaymentContainer' {
        $missing = 'PCT_' + ('0' * 30)
        $errs = (Invoke-Captured { Get-SecuPaymentContainer -Id $missing }).Errors
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ProductNotFoundException,SecuConnect.Commands.GetSecuPaymentContainerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
        $errs[0].ErrorDetails.RecommendedAction | Should -Be 'Check the id with Get-SecuPaymentContainer.'
    }

    It 'refuses a customer id given as a container id, pointing to -CustomerId' {
        $errs = (Invoke-Captured { Get-SecuPaymentContainer -Id $ada.Id }).Errors
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidContainerId,SecuConnect.Commands.GetSecuPaymentContainerCommand'
        $errs[0].Exception.Message | Should -Match '-CustomerId'
    }

    It 'shows the IBAN shortened in the default table and keeps the full value on the object' {
        $c = Get-SecuPaymentContainer -Id $bobs.Id
        $text = $c | Format-Table | Out-String -Width 200
        $short = $c.Iban.Substring(0, 4) + [char]0x2026 + $c.Iban.Substring($c.Iban.Length - 4)
        $text | Should -Match ([regex]::Escape($short))
        $text | Should -Not -Match $c.Iban
        $c.Iban | Should -BeExactly (New-TestIban 12)
        ($c | Format-List | Out-String) | Should -Match 'MandateReference'
    }
}

Describe 'Changing an account' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace
        $script:bob = New-SecuCustomer -Forename Bob -Surname Builder
    }

    It 'changes the owner with Get | Set, sending only what changed' {
        $c = $ada | New-SecuPaymentContainer -Iban $iban -Owner 'Ada Lovelace' -Purpose 'Rent'
        $got = Get-SecuPaymentContainer -Id $c.Id
        $got.Owner = 'Ada King'
        $updated = $got | Set-SecuPaymentContainer -PassThru
        $updated.Owner | Should -Be 'Ada King'
        $stored = Get-StoredContainer $c.Id
        $stored.private.owner | Should -Be 'Ada King'
        $stored.private.purpose | Should -Be 'Rent'
        $stored.private.iban | Should -BeExactly $iban
        $stored.updated | Should -Not -BeNullOrEmpty
        $got.Owner | Should -Be 'Ada King'
    }

    It 'sends no PUT for an object piped back unchanged' {
        $c = Get-SecuPaymentContainer -CustomerId $ada.Id | Select-Object -First 1
        Clear-SandboxRequestLog $sb
        $c | Set-SecuPaymentContainer
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
    }

    It 'moves an account to another customer with -CustomerId' {
        $c = New-SecuPaymentContainer -Iban (New-TestIban 20) -Owner 'Shared'
        Set-SecuPaymentContainer -Id $c.Id -CustomerId $bob.Id
        (Get-StoredContainer $c.Id).customer.id | Should -Be $bob.Id
    }

    It 'refuses a new IBAN before sending, saying to create a new container' {
        $c = Get-SecuPaymentContainer -CustomerId $ada.Id | Select-Object -First 1
        $c.Iban = New-TestIban 21
        Clear-SandboxRequestLog $sb
        $errs = (Invoke-Captured { $c | Set-SecuPaymentContainer }).Errors
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'IbanNotChangeable,SecuConnect.Commands.SetSecuPaymentContainerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'New-SecuPaymentContainer'
        Get-SandboxRequestLog $sb -Path '/api/v2/Payment/Containers*' | Should -BeNullOrEmpty
    }

    It 'refuses a new IBAN given with -Id, sending no PUT' {
        $c = Get-SecuPaymentContainer -CustomerId $ada.Id | Select-Object -First 1
        Clear-SandboxRequestLog $sb
        $errs = (Invoke-Captured { Set-SecuPaymentContainer -Id $c.Id -Iban (New-TestIban 22) }).Errors
        $errs[0].FullyQualifiedErrorId | Should -Be 'IbanNotChangeable,SecuConnect.Commands.SetSecuPaymentContainerCommand'
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
    }

    It 'treats a stale CSV row as a conflict, advising to read the container again, and writes it with -Force' {
        $c = New-SecuPaymentContainer -CustomerId $bob.Id -Iban (New-TestIban 23) -Owner 'Bob Builder'
        Set-SecuPaymentContainer -Id $c.Id -Purpose 'first edit'
        $file = Join-Path $TestDrive 'accounts.csv'
        Get-SecuPaymentContainer -Id $c.Id | Export-Csv -Path $file
        Set-SecuPaymentContainer -Id $c.Id -Purpose 'colleague'
        $row = Import-Csv -Path $file
        $row.Owner = 'Robert Builder'
        # As an export an hour before the colleague's change would have written it (Updated keeps whole seconds).
        $row.Updated = ([DateTimeOffset] (Get-StoredContainer $c.Id).updated).AddHours(-1).ToString()
        Clear-SandboxRequestLog $sb
        $errs = (Invoke-Captured { $row | Set-SecuPaymentContainer }).Errors
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ConcurrentChange,SecuConnect.Commands.SetSecuPaymentContainerCommand'
        $errs[0].TargetObject.Owner | Should -Be 'Robert Builder'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '^Read the payment container again \(Get-SecuPaymentContainer '
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
        $row | Set-SecuPaymentContainer -Force
        (Get-StoredContainer $c.Id).private.owner | Should -Be 'Robert Builder'
    }

    It 'sends no PUT under -WhatIf' {
        $c = Get-SecuPaymentContainer -CustomerId $ada.Id | Select-Object -First 1
        Clear-SandboxRequestLog $sb
        $r = Invoke-RecordingHost $sb { param($Id) Set-SecuPaymentContainer -Id $Id -Owner 'Someone Else' -WhatIf } -ArgumentList $c.Id
        @($r.Lines -like "What if: Update payment container $($c.Id)*").Count | Should -Be 1
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
    }
}

Describe 'Importing many accounts from a CSV file' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace
        $script:bob = New-SecuCustomer -Forename Bob -Surname Builder
        $rows = foreach ($n in 1..200) {
            [pscustomobject]@{
                IBAN = New-TestIban (1000 + $n); BIC = ''; AccountHolder = "Holder $n"; Purpose = "Row $n"
                CustomerId = if ($n % 2) { $ada.Id } else { $bob.Id }
            }
        }
        # Rows 50 and 120: check digits that do not match; row 160: row 2's account again, for the same customer.
        $rows[49].IBAN = 'DE00' + $rows[49].IBAN.Substring(4)
        $rows[119].IBAN = $rows[119].IBAN.Substring(0, 21)
        $rows[159].IBAN = $rows[1].IBAN
        $script:file = Join-Path $TestDrive 'accounts.csv'
        $rows | Export-Csv -Path $file
        Clear-SandboxRequestLog $sb
        $script:created = Import-Csv -Path $file | New-SecuPaymentContainer -ThrottleLimit 8 -ErrorVariable importErrors -ErrorAction SilentlyContinue -InformationVariable info
        $script:importErrors = $importErrors
        $script:summary = @($info | Where-Object { $_.Tags -contains 'SecuConnect.Summary' })[0].MessageData
    }

    It 'creates every good row once' {
        @($created).Count | Should -Be 197
        @(Get-ContainerPost).Count | Should -Be 198
        $stored = Invoke-SandboxApi $sb GET '/Payment/Containers?count=1000'
        $stored.count | Should -Be 197
        @($stored.data.private.iban | Sort-Object -Unique).Count | Should -Be 197
    }

    It 'accounts for each bad row in -ErrorVariable with the row as TargetObject' {
        $importErrors.Count | Should -Be 3
        $invalid = @($importErrors | Where-Object FullyQualifiedErrorId -eq 'InvalidIban,SecuConnect.Commands.NewSecuPaymentContainerCommand')
        @($invalid.TargetObject.AccountHolder | Sort-Object) | Should -Be @('Holder 120', 'Holder 50')
        $duplicate = @($importErrors | Where-Object FullyQualifiedErrorId -eq 'ProductDuplicateException,SecuConnect.Commands.NewSecuPaymentContainerCommand')
        $duplicate.Count | Should -Be 1
        $duplicate[0].TargetObject.AccountHolder | Should -Be 'Holder 160'
        $duplicate[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'counts the run in its summary' {
        $summary.Done | Should -Be 197
        $summary.Failed | Should -Be 3
    }

    It 'warns once about a column that binds to nothing' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ IBAN = New-TestIban (5000 + $_); Owner = "Extra $_"; Branch = 'Mitte' } }
        $out = $rows | New-SecuPaymentContainer -WarningVariable warnings -WarningAction SilentlyContinue
        @($out).Count | Should -Be 3
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match "'Branch'"
    }
}

Describe 'Removing accounts' {
    BeforeAll {
        Reset-Sandbox $sb
    }
    BeforeEach { $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace }
    AfterEach { Reset-Sandbox $sb }

    It 'writes the removed account with -PassThru, for a backup with Export-Clixml' {
        $c = $ada | New-SecuPaymentContainer -Iban $iban -Owner 'Ada Lovelace'
        $backup = Join-Path $TestDrive 'removed.xml'
        Get-SecuPaymentContainer -Id $c.Id | Remove-SecuPaymentContainer -Force -PassThru | Export-Clixml -Path $backup
        Get-StoredContainer $c.Id | Should -BeNullOrEmpty
        $kept = Import-Clixml -Path $backup
        $kept.Id | Should -Be $c.Id
        $kept.Iban | Should -BeExactly $iban
        $kept.Owner | Should -Be 'Ada Lovelace'
    }

    It 'sends no DELETE under -WhatIf' {
        $c = $ada | New-SecuPaymentContainer -Iban $iban -Owner 'Ada Lovelace'
        Clear-SandboxRequestLog $sb
        $r = Invoke-RecordingHost $sb { param($Id) Remove-SecuPaymentContainer -Id $Id -WhatIf } -ArgumentList $c.Id
        @($r.Lines -like "What if: *Remove payment container*$($c.Id)*").Count | Should -Be 1
        Get-SandboxRequestLog $sb -Method DELETE | Should -BeNullOrEmpty
    }

    It 'reports a refused delete as PermissionDenied, saying the API user lacks the rights' {
        $customer = New-SecuCustomer -Forename Ada -Surname Lovelace
        $c = $customer | New-SecuPaymentContainer -Iban $iban -Owner 'Ada Lovelace'
        Set-SandboxSetting $sb -ContainerDeletes forbidden
        $errs = (Invoke-Captured { Remove-SecuPaymentContainer -Id $c.Id -Force }).Errors
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ProductNotAllowedException,SecuConnect.Commands.RemoveSecuPaymentContainerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errs[0].Exception.Message | Should -Match 'lacks the rights'
        $errs[0].Exception.Message | Should -Not -Match 'not found'
        $errs[0].TargetObject | Should -Be $c.Id
        Get-StoredContainer $c.Id | Should -Not -BeNullOrEmpty
    }

    It 'refuses to remove a customer that still has accounts as PermissionDenied, naming the accounts' {
        $customer = New-SecuCustomer -Forename Ada -Surname Lovelace
        $c = $customer | New-SecuPaymentContainer -Iban $iban -Owner 'Ada Lovelace'
        $errs = (Invoke-Captured { Remove-SecuCustomer -Id $customer.Id -Force }).Errors
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ProductNotAllowedException,SecuConnect.Commands.RemoveSecuCustomerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($errs[0].Exception.Message) $($errs[0].ErrorDetails.Message)" | Should -Match $c.Id
        Get-SandboxCustomer $sb -Id $customer.Id | Should -Not -BeNullOrEmpty
        Remove-SecuPaymentContainer -Id $c.Id -Force
        Remove-SecuCustomer -Id $customer.Id -Force
        Get-SandboxCustomer $sb -Id $customer.Id | Should -BeNullOrEmpty
    }
}

Describe 'Bank data stays out of Verbose and Debug' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace
        # Every Verbose and Debug line of a command, as text.
        function Get-DiagnosticText([scriptblock] $Command) {
            $DebugPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $lines = & $Command 4>&1 5>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.DebugRecord] }
            @($lines).Count | Should -BeGreaterThan 0
            ($lines | ForEach-Object Message) -join "`n"
        }
        $script:secret = @{ Iban = $iban; Bic = 'COBADEFFXXX'; Owner = 'Augusta Ada King' }
    }

    It 'masks IBAN, BIC and owner in <Name>' -ForEach @(
        @{ Name = 'New-SecuPaymentContainer'; Run = { $script:made = $ada | New-SecuPaymentContainer -Iban $secret.Iban -Bic $secret.Bic -Owner $secret.Owner } }
        @{ Name = 'Get-SecuPaymentContainer'; Run = { $null = Get-SecuPaymentContainer -Id $made.Id; $null = Get-SecuPaymentContainer -Filter "Iban:$($secret.Iban)" } }
        @{ Name = 'Set-SecuPaymentContainer'; Run = { Set-SecuPaymentContainer -Id $made.Id -Owner $secret.Owner -Bic $secret.Bic -Purpose 'changed' } }
        @{ Name = 'Remove-SecuPaymentContainer'; Run = { $null = Remove-SecuPaymentContainer -Id $made.Id -Force -PassThru } }
    ) {
        $text = Get-DiagnosticText $Run
        $text | Should -Not -Match $secret.Iban
        $text | Should -Not -Match $secret.Bic
        $text | Should -Not -Match $secret.Owner
    }
}

Describe 'An API user that may see only masked account data' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:ada = New-SecuCustomer -Forename Ada -Surname Lovelace
        $script:made = $ada | New-SecuPaymentContainer -Iban $iban -Owner 'Ada Lovelace'
        Set-SandboxSetting $sb -MaskContainers $true
    }
    AfterAll { Reset-Sandbox $sb }

    It 'reads the masked account without failing, marked IsMasked' {
        $r = Invoke-Captured { Get-SecuPaymentContainer -Id $made.Id }
        $r.Errors | Should -BeNullOrEmpty
        $c = $r.Output[0]
        $c.IsMasked | Should -BeTrue
        $c.Iban | Should -BeExactly 'DE89XXXXXXXXXXXXXX3000'
        $c.Owner | Should -Be 'Ada Lovelace'
        $c.CustomerId | Should -Be $ada.Id
        @(Get-SecuPaymentContainer -CustomerId $ada.Id).Count | Should -Be 1
    }

    It 'refuses to update a masked account, as it cannot send the account back' {
        Clear-SandboxRequestLog $sb
        $errs = (Invoke-Captured { Set-SecuPaymentContainer -Id $made.Id -Owner 'Ada King' }).Errors
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'MaskedContainer,SecuConnect.Commands.SetSecuPaymentContainerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
    }
}

Describe 'Tab completion' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:made = New-SecuPaymentContainer -Iban $iban -Owner 'Complete Me'
        function Get-Completion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
    }

    It 'completes -Id of <Command> with the ids of the default connection' -ForEach @(
        @{ Command = 'Get-SecuPaymentContainer' }, @{ Command = 'Set-SecuPaymentContainer' }, @{ Command = 'Remove-SecuPaymentContainer' }
    ) {
        (Get-Completion "$Command -Id PCT_").CompletionText | Should -Contain $made.Id
    }

    It 'completes the property names of -Filter, -Sort and -Property with the container''s names' {
        (Get-Completion 'Get-SecuPaymentContainer -Filter Own').CompletionText | Should -Contain 'Owner:'
        (Get-Completion 'Get-SecuPaymentContainer -Sort Ib').CompletionText | Should -Contain 'Iban:desc'
        (Get-Completion 'Get-SecuPaymentContainer -Property Mandate').CompletionText | Should -Contain 'MandateReference'
        (Get-Completion 'Get-SecuCustomer -Property Own').CompletionText | Should -Not -Contain 'Owner'
    }
}

Describe 'The README''s container example' {
    It 'adds a bank account to a customer and lists it, as the README shows it' {
        Reset-Sandbox $sb
        $readme = Get-Content -LiteralPath (Join-Path $PSScriptRoot '../README.md') -Raw
        $lines = [regex]::Matches($readme, '(?m)^Get-SecuCustomer -Id PCU_[A-Z0-9]{30} \| (New|Get)-SecuPaymentContainer.*$').Value
        $lines.Count | Should -Be 2
        $exampleId = [regex]::Match($lines[0], 'PCU_[A-Z0-9]{30}').Value
        $ada = New-SecuCustomer -Forename Ada -Surname Lovelace
        $created = & ([scriptblock]::Create($lines[0].Replace($exampleId, $ada.Id)))
        $listed = @(& ([scriptblock]::Create($lines[1].Replace($exampleId, $ada.Id))))
        $created.CustomerId | Should -Be $ada.Id
        $created.Iban | Should -BeExactly 'DE89370400440532013000'
        @($listed.Id) | Should -Be @($created.Id)
    }
}
