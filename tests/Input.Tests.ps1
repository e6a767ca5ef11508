# What users give: values the module cannot send are reported (never ignored in silence), column names that mean
# something else are not taken, whitespace around values and ids is trimmed, control characters are refused before
# sending, and -Sort and -Filter read the way users write them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    function Get-ChangingRequest { @(Get-SandboxRequestLog $sb -Path '*/Customers*' | Where-Object method -NE GET) }
    function Export-Rows($Customers, $Name) {
        $csv = Join-Path $TestDrive "$Name.csv"
        $Customers | Export-Csv -LiteralPath $csv -NoTypeInformation
        $csv
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Properties the module cannot send' {
    It 'refuses a New whose only name is a <Column> column (NameNotSplit), creating nothing' -ForEach @(
        @{ Column = 'Name' }, @{ Column = 'Full Name' }
    ) {
        $row = [pscustomobject]@{ $Column = 'Ada Lovelace'; Email = 'ada@example.com' }
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { $row | New-SecuCustomer }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'NameNotSplit,SecuConnect.Commands.NewSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Errors[0].TargetObject | Should -Be $row
        $r.Errors[0].Exception.Message | Should -Match 'Forename'
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'warns on New when Name says something else than Forename and Surname, and creates the customer from them' {
        $c = [pscustomobject]@{ Name = 'Augusta King'; Forename = 'Ada'; Surname = 'Lovelace' } |
            New-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue
        (Get-SandboxCustomer $sb -Id $c.Id).contact.name | Should -Be 'Ada Lovelace'
        @($warned).Count | Should -Be 1
        "$warned" | Should -Match "Name.*Forename and Surname"
    }

    It 'restores a backup quietly: the export columns are left out with one Verbose line' {
        $made = @(New-SecuCustomer -Forename Backup -Surname One -City Kiel; New-SecuCustomer -Forename Backup -Surname Two)
        $csv = Export-Rows $made 'backup'
        $out = Import-Csv -LiteralPath $csv | New-SecuCustomer -Verbose -WarningVariable warned 4>&1
        $restored = @($out | Where-Object { $_ -is [SecuConnect.Customer] })
        $restored.Surname | Should -Be 'One', 'Two'
        $restored.Id | Should -Not -Contain $made[0].Id
        $warned | Should -BeNullOrEmpty
        $left = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Left out*' })
        $left.Count | Should -Be 1
        $left[0].Message | Should -Match 'Id, Name, Created, ContractId'
    }

    It 'warns on Set when Name was changed on the object, and sends nothing' {
        $c = New-SecuCustomer -Forename Name -Surname Changer
        $c.Name = 'Someone Else'
        Clear-SandboxRequestLog $sb
        $c | Set-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue
        Get-ChangingRequest | Should -BeNullOrEmpty
        @($warned).Count | Should -Be 1
        "$warned" | Should -Match "$($c.Id).*Name was not changed.*-Forename and -Surname"
    }

    It 'warns on Set for an edited <Column> cell of an export' -ForEach @(
        @{ Column = 'Name'; Value = 'Other Person'; Says = 'Forename and -Surname' }
        @{ Column = 'Created'; Value = '2001-01-01T00:00:00Z'; Says = 'cannot be changed' }
        @{ Column = 'ContractId'; Value = 'PCT_OTHER'; Says = 'create it there' }
        @{ Column = 'MerchantId'; Value = 'MRC_OTHER'; Says = 'create it there' }
        @{ Column = 'Updated'; Value = 'yesterday'; Says = 'no timestamp' }
    ) {
        $c = New-SecuCustomer -Forename Cell -Surname Editor
        $csv = Export-Rows $c "cell-$Column"
        $row = Import-Csv -LiteralPath $csv
        $row.$Column = $Value
        $row | Set-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue
        @($warned).Count | Should -Be 1
        "$warned" | Should -Match "$($c.Id): $Column was not changed"
        "$warned" | Should -Match $Says
    }

    It 'stays quiet on Set for an export written under <From> and read under <To>' -ForEach @(
        @{ From = 'en-GB'; To = 'en-US' }, @{ From = 'en-US'; To = 'de-DE' }, @{ From = 'de-DE'; To = 'ja-JP' }
    ) {
        $c = New-SecuCustomer -Forename Culture -Surname Row
        Set-SecuCustomer -Id $c.Id -City Bonn
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = $From
            $csv = Export-Rows (Get-SecuCustomer -Id $c.Id) "culture-$From"
            [cultureinfo]::CurrentCulture = $To
            Import-Csv -LiteralPath $csv | Set-SecuCustomer -WarningVariable warned
        } finally { [cultureinfo]::CurrentCulture = $saved }
        $warned | Should -BeNullOrEmpty
    }

    It 'stays quiet on Set for an unchanged export, and for a Name that matches the new Forename' {
        $c = New-SecuCustomer -Forename Quiet -Surname Row -City Bonn
        $csv = Export-Rows $c 'quiet'
        Import-Csv -LiteralPath $csv | Set-SecuCustomer -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        $row = Import-Csv -LiteralPath $csv
        $row.Forename = 'Loud'
        $row.Name = 'Loud Row'
        $row | Set-SecuCustomer -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $c.Id).contact.name | Should -Be 'Loud Row'
    }
}

Describe 'Column names that mean something else' {
    It 'does not take a Type column as the address type, and names it in the unused-column warning' {
        $c = [pscustomobject]@{ Forename = 'Typed'; Surname = 'Customer'; City = 'Ulm'; Type = 'business' } |
            New-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue
        (Get-SandboxCustomer $sb -Id $c.Id).contact.address.PSObject.Properties.Name | Should -Not -Contain 'type'
        "$warned" | Should -Match "'Type'"
    }

    It 'has no alias a real export uses for something else' {
        $parameters = (Get-Command New-SecuCustomer).Parameters
        $parameters.AddressType.Aliases | Should -Not -Contain 'Type'
        $parameters.Website.Aliases | Should -Not -Contain 'Url'
    }

    It 'still takes address_type and AddressType columns' {
        $c = [pscustomobject]@{ Forename = 'Typed'; address_type = 'invoice' } | New-SecuCustomer
        (Get-SandboxCustomer $sb -Id $c.Id).contact.address.type | Should -Be 'invoice'
    }
}

Describe 'Whitespace around values and ids' {
    It 'trims parameter values and treats whitespace alone as not given' {
        $c = New-SecuCustomer -Forename ' Zola ' -Surname "Trim`t" -Email 'zola@example.com ' -City '   '
        $stored = Get-SandboxCustomer $sb -Id $c.Id
        $stored.contact.forename | Should -BeExactly 'Zola'
        $stored.contact.surname | Should -BeExactly 'Trim'
        $stored.contact.email | Should -BeExactly 'zola@example.com'
        $stored.contact.PSObject.Properties.Name | Should -Not -Contain 'address'
    }

    It 'neither sets nor clears with whitespace alone on Set; an empty string still clears' {
        $c = New-SecuCustomer -Forename Keep -City Essen -DateOfBirth 1980-05-06
        Set-SecuCustomer -Id $c.Id -City '   ' -DateOfBirth ' ' -Title ' Dr. '
        $stored = Get-SandboxCustomer $sb -Id $c.Id
        $stored.contact.address.city | Should -Be 'Essen'
        $stored.contact.dob | Should -Match '^1980-05-06'
        $stored.contact.title | Should -BeExactly 'Dr.'
        Set-SecuCustomer -Id $c.Id -City ''
        (Get-SandboxCustomer $sb -Id $c.Id).contact.address.city | Should -BeNullOrEmpty
    }

    It 'trims ids on Get, Set and Remove, given and piped' {
        $c = New-SecuCustomer -Forename Spaced -Surname Id
        (Get-SecuCustomer -Id " $($c.Id) ").Id | Should -Be $c.Id
        Set-SecuCustomer -Id "$($c.Id)`n" -City Trier
        [pscustomobject]@{ Id = "$($c.Id) "; Street = ' Main Street ' } | Set-SecuCustomer
        $stored = Get-SandboxCustomer $sb -Id $c.Id
        $stored.contact.address.city | Should -Be 'Trier'
        $stored.contact.address.street | Should -BeExactly 'Main Street'
        Remove-SecuCustomer -Id "$($c.Id) " -Confirm:$false
        Get-SandboxCustomer $sb | Where-Object id -EQ $c.Id | Should -BeNullOrEmpty
    }

    It 'sends nothing for a round trip of a customer stored with spaces (object and CSV)' {
        $raw = New-SandboxCustomer $sb @{ forename = ' Padded '; surname = 'Value '; address = @{ city = ' Mainz' } }
        Clear-SandboxRequestLog $sb
        Get-SecuCustomer -Id $raw.id | Set-SecuCustomer -WarningVariable warnedObject
        $csv = Export-Rows (Get-SecuCustomer -Id $raw.id) 'padded'
        Import-Csv -LiteralPath $csv | Set-SecuCustomer -WarningVariable warnedCsv
        Get-ChangingRequest | Should -BeNullOrEmpty
        @($warnedObject; $warnedCsv).Count | Should -Be 0
        (Get-SandboxCustomer $sb -Id $raw.id).contact.forename | Should -BeExactly ' Padded '
    }
}

Describe 'Control characters' {
    It 'refuses a CSV row whose unterminated quote folded the next rows into one Surname' {
        $csv = Join-Path $TestDrive 'broken.csv'
        Set-Content -LiteralPath $csv -Value @(
            'Forename,Surname,Email'
            'Ada,"Lovelace,ada@example.com'
            'Grace,Hopper,grace@example.com'
            'Alan,Turing,alan@example.com'
        )
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Import-Csv -LiteralPath $csv | New-SecuCustomer }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacters,SecuConnect.Commands.NewSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Errors[0].TargetObject.Forename | Should -Be 'Ada'
        $r.Errors[0].Exception.Message | Should -Match 'Surname: character \d+ is a line break'
        $r.Errors[0].Exception.Message | Should -Not -Match 'grace@'
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'refuses <Case> in -<Field> before sending' -ForEach @(
        @{ Case = 'NUL'; Field = 'City'; Value = "Ber`0lin"; Position = 4 }
        @{ Case = 'ESC'; Field = 'Forename'; Value = "`e[31mRed"; Position = 1 }
        @{ Case = 'a lone surrogate'; Field = 'Surname'; Value = "Ab$([char]0xD800)"; Position = 3 }
        @{ Case = 'a line break'; Field = 'Street'; Value = "Line one`nLine two"; Position = 9 }
        @{ Case = 'a tab inside'; Field = 'CompanyName'; Value = "Acme`tLtd"; Position = 5 }
    ) {
        $p = @{ Email = 'control@example.com'; $Field = $Value }
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { New-SecuCustomer @p }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacters,SecuConnect.Commands.NewSecuCustomerCommand'
        $r.Errors[0].Exception.Message | Should -Match "$($Field): character $Position "
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'refuses control characters on Set and in -Contact' {
        $c = New-SecuCustomer -Forename Control -Surname Set
        Clear-SandboxRequestLog $sb
        $set = Invoke-Captured { Set-SecuCustomer -Id $c.Id -City "Ko`aln" }
        $new = Invoke-Captured { New-SecuCustomer -Contact @{ forename = 'A'; address = @{ city = "B`0" } } }
        $set.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacters,SecuConnect.Commands.SetSecuCustomerCommand'
        $new.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacters,SecuConnect.Commands.NewSecuCustomerCommand'
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'keeps line breaks in AdditionalAddressData' {
        $c = New-SecuCustomer -Forename Multi -AdditionalAddressData "c/o Smith`r`nFlat 3"
        (Get-SandboxCustomer $sb -Id $c.Id).contact.address.additional_address_data | Should -BeExactly "c/o Smith`r`nFlat 3"
    }
}

Describe 'Sort and filter as users write them' {
    BeforeAll {
        $script:sorted = @(
            New-SecuCustomer -Forename SortMe -Surname Alpha -City Bonn -DateOfBirth 1970-01-11
            New-SecuCustomer -Forename SortMe -Surname Bravo -City Aachen -DateOfBirth 1970-01-12
            New-SecuCustomer -Forename SortMe -Surname Charlie -City Aachen
        )
    }

    It 'sorts descending with a leading -' {
        @(Get-SecuCustomer -Filter 'Forename:SortMe' -Sort '-Surname').Surname | Should -Be 'Charlie', 'Bravo', 'Alpha'
        @(Get-SecuCustomer -Filter 'Forename:SortMe' -Sort '-City', 'Surname').Surname | Should -Be 'Alpha', 'Bravo', 'Charlie'
    }

    It 'takes several keys as an array, as Sort-Object does' {
        Clear-SandboxRequestLog $sb
        @(Get-SecuCustomer -Filter 'Forename:SortMe' -Sort City, Surname).Surname | Should -Be 'Bravo', 'Charlie', 'Alpha'
        [uri]::UnescapeDataString((Get-SandboxListRequest $sb)[0].query) | Should -Match 'sort=contact\.address\.city:asc,contact\.surname:asc'
    }

    It 'refuses a - with :asc before sending' {
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Get-SecuCustomer -Sort '-Surname:asc' }
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidSort,SecuConnect.Commands.GetSecuCustomerCommand'
        Get-SandboxRequestLog $sb -Path '*/Customers*' | Should -BeNullOrEmpty
    }

    It 'completes the orders after a name and its colon' {
        $line = 'Get-SecuCustomer -Sort Surname:'
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $found | Should -Be 'Surname:asc', 'Surname:desc'
        $line = "Get-SecuCustomer -Sort '-Surn"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'-Surname'"
        $line = "Get-SecuCustomer -Sort '-Surname:d"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'-Surname:desc'"
    }

    It 'finds the customers born on an exact date' {
        @(Get-SecuCustomer -Filter 'DateOfBirth:1970-01-11').Id | Should -Be $sorted[0].Id
        @(Get-SecuCustomer -Filter 'Forename:SortMe AND NOT DateOfBirth:1970-01-11' -Sort Surname).Surname | Should -Be 'Bravo', 'Charlie'
        @(Get-SecuCustomer -Filter 'contact.dob:1970-01-1*' -Sort Surname).Surname | Should -Be 'Alpha', 'Bravo'
    }
}
