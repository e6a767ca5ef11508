# Round trips keep every field: CSV files moved between cultures, partial listings, stale objects, members the
# module does not model, input columns that bind to nothing, several ids.

BeforeDiscovery {
    # Exported under the first culture, edited and imported under the second.
    $script:CulturePairs = @(
        @{ From = 'en-US'; To = 'de-DE' }
        @{ From = 'en-GB'; To = 'en-US' }
        @{ From = 'ja-JP'; To = 'fr-FR' }
        @{ From = 'de-DE'; To = 'en-GB' }
        @{ From = 'fr-FR'; To = 'ja-JP' }
    )
    # How earlier versions wrote a [datetime] DateOfBirth into a CSV, under the culture that wrote it.
    $script:OldExports = @(
        @{ Culture = 'en-US'; Text = '4/3/1970 12:00:00 AM' }
        @{ Culture = 'en-GB'; Text = '03/04/1970 00:00:00' }
        @{ Culture = 'de-DE'; Text = '03.04.1970 00:00:00' }
        @{ Culture = 'ja-JP'; Text = '1970/04/03 0:00:00' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function Invoke-InCulture([string] $Culture, [scriptblock] $Script) {
        $old = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo($Culture)
            & $Script
        } finally { [cultureinfo]::CurrentCulture = $old }
    }
    # A customer with every field, created through the API directly.
    function New-FullCustomer([string] $Surname) {
        New-SandboxCustomer $sb @{
            forename = 'Ada'; surname = $Surname; companyname = 'Engines'; salutation = 'Mrs.'; gender = 'f'; title = 'Countess'
            email = "$($Surname.ToLower())@example.com"; phone = '+49301234567'; mobile = '+49170123456'; fax = '030-99'
            dob = '1970-04-03'; picture = 'DOC_1'; url_website = 'www.example.com'; birthplace = 'London'; nationality = 'GB'
            address = @{ street = 'Main'; street_number = '1a'; postal_code = '01234'; city = 'London'; country = 'GB'
                additional_address_data = 'c/o B'; type = 'invoice' }
        }
    }
    # The stored contact as JSON, for comparing everything but the named members.
    function Get-StoredContact([string] $Id, [string[]] $Except = @()) {
        $c = (Get-SandboxCustomer $sb -Id $Id).contact
        foreach ($name in $Except) {
            if ($name -like 'address.*') { $c.address.PSObject.Properties.Remove($name.Substring(8)) } else { $c.PSObject.Properties.Remove($name) }
        }
        $c | ConvertTo-Json -Depth 10 -Compress
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Export-Csv under one culture, Import-Csv | Set-SecuCustomer under another' {
    It 'changes only the edited column, dates of birth included (<From> to <To>)' -ForEach $CulturePairs {
        $raw = New-FullCustomer "Culture$($From.Replace('-', ''))"
        $before = Get-StoredContact $raw.id -Except name, 'address.city'
        $csv = Join-Path $TestDrive "export-$From.csv"
        Invoke-InCulture $From { Get-SecuCustomer -Id $raw.id | Export-Csv -LiteralPath $csv -NoTypeInformation }
        $rows = Import-Csv -LiteralPath $csv
        $rows[0].DateOfBirth | Should -Be '1970-04-03'
        $rows[0].City = 'Paris'
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation

        Invoke-InCulture $To { Import-Csv -LiteralPath $csv | Set-SecuCustomer -WarningVariable warned }

        $warned | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'Paris'
        (Get-SandboxCustomer $sb -Id $raw.id).contact.dob | Should -Be '1970-04-03T00:00:00+00:00'
        Get-StoredContact $raw.id -Except name, 'address.city' | Should -Be $before
    }

    It 'keeps the date of birth of a file an earlier version exported under <Culture> (<Text>)' -ForEach $OldExports {
        $raw = New-FullCustomer 'OldExport'
        $csv = Join-Path $TestDrive 'old.csv'
        [pscustomobject]@{ Id = $raw.id; DateOfBirth = $Text; City = 'Rome' } | Export-Csv -LiteralPath $csv -NoTypeInformation
        Clear-SandboxRequestLog $sb
        foreach ($culture in 'en-US', 'de-DE') {
            Invoke-InCulture $culture { Import-Csv -LiteralPath $csv | Set-SecuCustomer -ErrorAction Stop }
        }
        $stored = Get-SandboxCustomer $sb -Id $raw.id
        $stored.contact.dob | Should -Be '1970-04-03T00:00:00+00:00'
        $stored.contact.address.city | Should -Be 'Rome'
    }

    It 'refuses a date of birth with two readings that matches neither stored date, naming both, and sends no PUT' {
        $raw = New-FullCustomer 'Ambiguous'
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Set-SecuCustomer -Id $raw.id -DateOfBirth '05/06/1980' }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidDateOfBirth,SecuConnect.Commands.SetSecuCustomerCommand'
        $r.Errors[0].Exception.Message | Should -Match '5 June 1980.*6 May 1980'
        $r.Errors[0].TargetObject | Should -Be $raw.id
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $raw.id).contact.dob | Should -Be '1970-04-03T00:00:00+00:00'
    }

    It 'refuses the same ambiguous date on New, under every culture' {
        Clear-SandboxRequestLog $sb
        foreach ($culture in 'en-US', 'en-GB') {
            $r = Invoke-InCulture $culture { Invoke-Captured { New-SecuCustomer -Forename A -DateOfBirth '05/06/1980' } }
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidDateOfBirth,SecuConnect.Commands.NewSecuCustomerCommand'
        }
        Get-SandboxRequestLog $sb -Method POST | Should -BeNullOrEmpty
    }

    It 'reads unambiguous forms the same under every culture' {
        foreach ($culture in 'en-US', 'de-DE', 'ja-JP') {
            $made = Invoke-InCulture $culture {
                '1980-06-05', '19800605', '1980/6/5', '5 June 1980', '05.06.1980', '13/06/1980', [datetime]::new(1980, 6, 5, 23, 0, 0) |
                    ForEach-Object { New-SecuCustomer -Forename Dates -DateOfBirth $_ }
            }
            $made.DateOfBirth | Should -Be '1980-06-05', '1980-06-05', '1980-06-05', '1980-06-05', '1980-06-05', '1980-06-13', '1980-06-05'
        }
    }
}

Describe 'Dates of birth under cultures with other calendars' {
    It 'sends and shows the Gregorian yyyy-MM-dd under <_>, from a string, a [datetime] and a CSV round trip' -ForEach @('th-TH', 'fa-IR', 'ar-SA') {
        $culture = $_
        $fromText = Invoke-InCulture $culture { New-SecuCustomer -Forename Cal -Surname "Text$($culture.Replace('-', ''))" -DateOfBirth '1970-04-03' }
        $fromDate = Invoke-InCulture $culture { New-SecuCustomer -Forename Cal -Surname "Date$($culture.Replace('-', ''))" -DateOfBirth ([datetime]::new(1970, 4, 3)) }
        foreach ($c in $fromText, $fromDate) {
            (Get-SandboxCustomer $sb -Id $c.Id).contact.dob | Should -Be '1970-04-03T00:00:00+00:00'
            $c.DateOfBirth | Should -Be '1970-04-03'
        }
        $csv = Join-Path $TestDrive "calendar-$culture.csv"
        Invoke-InCulture $culture {
            (Get-SecuCustomer -Id $fromText.Id).DateOfBirth | Should -Be '1970-04-03'
            Get-SecuCustomer -Id $fromText.Id | Export-Csv -LiteralPath $csv -NoTypeInformation
            $row = Import-Csv -LiteralPath $csv
            $row.City = 'Bangkok'
            $row | Set-SecuCustomer -ErrorVariable failed
            $failed | Should -BeNullOrEmpty
        }
        $stored = (Get-SandboxCustomer $sb -Id $fromText.Id).contact
        $stored.dob | Should -Be '1970-04-03T00:00:00+00:00'
        $stored.address.city | Should -Be 'Bangkok'
    }
}

Describe 'A partial listing piped back' {
    It 'writes only the fetched properties, so an edited export clears nothing it did not fetch' {
        $raw = New-FullCustomer 'Partial'
        $before = Get-StoredContact $raw.id -Except name, email
        $listed = @(Get-SecuCustomer -Filter "contact.surname:Partial" -Property Email)
        $listed.Count | Should -BeGreaterThan 0
        $listed[0].PSObject.TypeNames[0] | Should -Be 'SecuConnect.PartialCustomer'
        @($listed[0].PSObject.Properties.Name) | Should -Be 'Id', 'Email'
        $csv = Join-Path $TestDrive 'partial.csv'
        $listed | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        $rows | ForEach-Object { $_.Email = 'changed@example.com' }

        $rows | Set-SecuCustomer -WarningVariable warned

        $warned | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $raw.id).contact.email | Should -Be 'changed@example.com'
        Get-StoredContact $raw.id -Except name, email | Should -Be $before
    }

    It 'declares both output types' {
        (Get-Command Get-SecuCustomer).OutputType.Name | Should -Contain 'SecuConnect.PartialCustomer'
        (Get-Command Get-SecuCustomer).OutputType.Name | Should -Contain 'SecuConnect.Customer'
    }
}

Describe 'A stale customer object piped back into Set-SecuCustomer' {
    It 'applies only what the user changed and keeps a concurrent change to another field' {
        $raw = New-FullCustomer 'Stale'
        $c = Get-SecuCustomer -Id $raw.id
        # Someone else changes the city with a plain HTTP client.
        $other = (Get-SandboxCustomer $sb -Id $raw.id).contact
        $other.address.city = 'Madrid'
        $null = Invoke-SandboxApi $sb PUT "/Payment/Customers/$($raw.id)" -Body @{ contact = $other }

        $c.Email = 'new@example.com'
        $c | Set-SecuCustomer -WarningVariable warned

        $warned | Should -BeNullOrEmpty
        $stored = (Get-SandboxCustomer $sb -Id $raw.id).contact
        $stored.email | Should -Be 'new@example.com'
        $stored.address.city | Should -Be 'Madrid'
    }

    It 'warns, naming the field and the values, when the user changed a field that was also changed since' {
        $raw = New-FullCustomer 'Conflict'
        $c = Get-SecuCustomer -Id $raw.id
        $other = (Get-SandboxCustomer $sb -Id $raw.id).contact
        $other.address.city = 'Madrid'
        $null = Invoke-SandboxApi $sb PUT "/Payment/Customers/$($raw.id)" -Body @{ contact = $other }

        $c.City = 'Lisbon'
        $c | Set-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue

        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -Match "City.*'London'.*'Madrid'.*'Lisbon'"
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'Lisbon'
    }

    It 'sends nothing for an unchanged object, and -<Param> on the command line still applies' -ForEach @(@{ Param = 'Phone' }) {
        $raw = New-FullCustomer 'Unchanged'
        $c = Get-SecuCustomer -Id $raw.id
        Clear-SandboxRequestLog $sb
        $c | Set-SecuCustomer
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
        $c | Set-SecuCustomer -Phone '+4930999'
        (Get-SandboxCustomer $sb -Id $raw.id).contact.phone | Should -Be '+4930999'
    }

    It 'clears a property the user set to an empty string, and leaves one set to $null alone' {
        $raw = New-FullCustomer 'EmptyNull'
        $c = Get-SecuCustomer -Id $raw.id
        $c.Fax = ''
        $c.Mobile = $null
        $c | Set-SecuCustomer
        $stored = (Get-SandboxCustomer $sb -Id $raw.id).contact
        $stored.PSObject.Properties['fax'] | Should -BeNullOrEmpty
        $stored.mobile | Should -Be '+49170123456'
    }

    It 'applies everything an object without memory holds (a deserialized copy)' {
        $raw = New-FullCustomer 'Clixml'
        $path = Join-Path $TestDrive 'c.xml'
        Get-SecuCustomer -Id $raw.id | Export-Clixml -LiteralPath $path
        $copy = Import-Clixml -LiteralPath $path
        $copy.City = 'Oslo'
        $copy | Set-SecuCustomer -WarningVariable warned
        # Its Created came back as a property bag: the same instant, so no warning about changing it.
        $warned | Should -BeNullOrEmpty
        $stored = (Get-SandboxCustomer $sb -Id $raw.id).contact
        $stored.address.city | Should -Be 'Oslo'
        $stored.dob | Should -Be '1970-04-03T00:00:00+00:00'
    }
}

Describe 'A stale row or object piped back: no silent revert' {
    BeforeAll {
        # A colleague's change, made with a plain HTTP client.
        function Set-StoredContact([string] $Id, [scriptblock] $Edit) {
            $contact = (Get-SandboxCustomer $sb -Id $Id).contact
            & $Edit $contact
            $null = Invoke-SandboxApi $sb PUT "/Payment/Customers/$Id" -Body @{ contact = $contact }
        }
        # Updated has whole seconds: a later change is one made in a later second (waits for the clock, at most 1 s).
        function Wait-NextSecond {
            $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
            while ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() -eq $now) { [System.Threading.Thread]::Sleep(20) }
        }
        # A row as an export an hour before the customer's last change would have written it, under the current culture.
        function Get-StaleRow([string] $Id) {
            Set-StoredContact $Id { param($c) $c.fax = '030-11' }
            $row = Get-SecuCustomer -Id $Id | ConvertTo-Csv | ConvertFrom-Csv
            $row.Updated = ([DateTimeOffset] (Get-SandboxCustomer $sb -Id $Id).updated).AddHours(-1).ToString()
            $row
        }
    }

    It 'refuses every stale CSV row with ConcurrentChange, naming the fields and both values, and sends no PUT' {
        $ada = New-FullCustomer 'StaleAda'
        $bob = New-FullCustomer 'StaleBob'
        $csv = Join-Path $TestDrive 'rt.csv'
        Get-SecuCustomer -Id $ada.id, $bob.id | Export-Csv -LiteralPath $csv -NoTypeInformation
        Wait-NextSecond
        Set-StoredContact $ada.id { param($c) $c.phone = '+4930555' }
        Set-StoredContact $bob.id { param($c) $c.email = 'bob.new@example.com' }
        $rows = Import-Csv -LiteralPath $csv
        ($rows | Where-Object Id -eq $ada.id).City = 'Cambridge'
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        Clear-SandboxRequestLog $sb

        Import-Csv -LiteralPath $csv | Set-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable info

        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
        $failed.Count | Should -Be 2
        $failed.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'ConcurrentChange,SecuConnect.Commands.SetSecuCustomerCommand'
        $failed.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'InvalidOperation'
        $failed.ErrorDetails.RecommendedAction | Sort-Object -Unique | Should -Match '-Force'
        $adaError = $failed | Where-Object { $_.TargetObject.Id -eq $ada.id }
        $adaError.Exception.Message | Should -Match "Phone: server '\+4930555', row '\+49301234567'"
        $adaError.Exception.Message | Should -Match "City: server 'London', row 'Cambridge'"
        $adaError.Exception.Message | Should -Match 'Set-SecuCustomer -Force'
        ($failed | Where-Object { $_.TargetObject.Id -eq $bob.id }).Exception.Message | Should -Match "Email: server 'bob.new@example.com', row 'stalebob@example.com'"
        (Get-SandboxCustomer $sb -Id $ada.id).contact.phone | Should -Be '+4930555'
        (Get-SandboxCustomer $sb -Id $ada.id).contact.address.city | Should -Be 'London'
        (Get-SandboxCustomer $sb -Id $bob.id).contact.email | Should -Be 'bob.new@example.com'
        $summary = ($info | Where-Object Tags -contains 'SecuConnect.Summary').MessageData
        $summary.Failed | Should -Be 2
        $summary.Done | Should -Be 0
    }

    It 'applies a row whose Updated is the server''s, under another culture than the export''s (<From> to <To>)' -ForEach $CulturePairs {
        $raw = New-FullCustomer "Fresh$($From.Replace('-', ''))"
        Set-StoredContact $raw.id { param($c) $c.fax = '030-22' }
        (Get-SandboxCustomer $sb -Id $raw.id).updated | Should -Not -BeNullOrEmpty
        $csv = Join-Path $TestDrive "fresh-$From.csv"
        Invoke-InCulture $From { Get-SecuCustomer -Id $raw.id | Export-Csv -LiteralPath $csv -NoTypeInformation }
        $row = Import-Csv -LiteralPath $csv
        $row.City = 'Paris'
        Invoke-InCulture $To { $row | Set-SecuCustomer -ErrorVariable failed }
        $failed | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'Paris'
    }

    It '-Force writes a stale row as it is; -Force -WhatIf still sends nothing' {
        $raw = New-FullCustomer 'StaleForce'
        $row = Get-StaleRow $raw.id
        $row.City = 'Cambridge'
        Clear-SandboxRequestLog $sb
        $r = Invoke-RecordingHost $sb { param($row) $row | Set-SecuCustomer -Force -WhatIf } -ArgumentList (, $row)
        $r.Errors | Should -BeNullOrEmpty
        $r.Lines -join "`n" | Should -Match "What if: Update customer $($raw.id).*\n  City: 'London' -> 'Cambridge'"
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
        $r = Invoke-RecordingHost $sb { param($row) $row | Set-SecuCustomer -Force -Confirm } -ArgumentList (, $row) -Decline 'Update customer'
        @($r.Prompts).Count | Should -Be 1
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
        $row | Set-SecuCustomer -Force -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'Cambridge'
    }

    It 'treats an Updated value that is not a time, or an empty one after an update, as a conflict; a row without Updated as before' {
        $raw = New-FullCustomer 'StaleText'
        $row = Get-StaleRow $raw.id
        $row.Updated = 'yesterday'
        $row.City = 'Cambridge'
        $row | Set-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be 'ConcurrentChange,SecuConnect.Commands.SetSecuCustomerCommand'
        $failed.Exception.Message | Should -Match "'yesterday' is not a time"
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'London'

        $row.PSObject.Properties.Remove('Updated')
        $row | Set-SecuCustomer -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'Cambridge'
        # An empty Updated beside a Created value is a row read before the first update: the customer was updated since.
        $row | Add-Member -NotePropertyName Updated -NotePropertyValue ''
        $row.City = 'Bath'
        $row | Set-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be 'ConcurrentChange,SecuConnect.Commands.SetSecuCustomerCommand'
        $failed.Exception.Message | Should -Match 'read before the customer''s first update'
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'Cambridge'
    }

    It 'sends nothing and reports no conflict for a stale row that matches the server in every field' {
        $raw = New-FullCustomer 'StaleSame'
        $row = Get-StaleRow $raw.id
        Clear-SandboxRequestLog $sb
        $row | Set-SecuCustomer -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        Get-SandboxRequestLog $sb -Method PUT | Should -BeNullOrEmpty
    }

    It 'refuses a stale object from Import-Clixml, which lost what it was read as' {
        $raw = New-FullCustomer 'StaleClixml'
        $path = Join-Path $TestDrive 'stale.xml'
        Get-SecuCustomer -Id $raw.id | Export-Clixml -LiteralPath $path
        Wait-NextSecond
        Set-StoredContact $raw.id { param($c) $c.phone = '+4930777' }
        $copy = Import-Clixml -LiteralPath $path
        $copy.City = 'Oslo'
        $copy | Set-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be 'ConcurrentChange,SecuConnect.Commands.SetSecuCustomerCommand'
        (Get-SandboxCustomer $sb -Id $raw.id).contact.phone | Should -Be '+4930777'
        (Get-SandboxCustomer $sb -Id $raw.id).contact.address.city | Should -Be 'London'
    }

    It 'an object piped to Set twice sends only the later edit, keeps a change made in between, and warns about nobody' {
        $raw = New-FullCustomer 'Twice'
        $c = Get-SecuCustomer -Id $raw.id
        $c.City = 'Cambridge'
        $c | Set-SecuCustomer -WarningVariable warned1
        Set-StoredContact $raw.id { param($x) $x.address.city = 'Oxford' }
        $c.Email = 'twice.new@example.com'
        Clear-SandboxRequestLog $sb

        $c | Set-SecuCustomer -WarningVariable warned2

        $warned1 | Should -BeNullOrEmpty
        $warned2 | Should -BeNullOrEmpty
        @(Get-SandboxRequestLog $sb -Method PUT).Count | Should -Be 1
        $stored = (Get-SandboxCustomer $sb -Id $raw.id).contact
        $stored.address.city | Should -Be 'Oxford'
        $stored.email | Should -Be 'twice.new@example.com'
        $c.Email | Should -Be 'twice.new@example.com'
        $c.Updated | Should -Be ([DateTimeOffset] (Get-SandboxCustomer $sb -Id $raw.id).updated)
    }
}

Describe 'Members the module does not model' {
    BeforeAll {
        Set-SandboxExtraField $sb -Customer @{ merchant_customer_id = 'M-1' } `
            -Contact @{ ident_service_ids = @('a', 'b'); flags = @{ vip = $true; score = 1.5 } } `
            -Address @{ geo = @{ lat = 52.5; lng = 13.4 } }
        $script:extra = New-SecuCustomer -Forename Extra -Surname Fields -City Berlin
        $script:extraRaw = Get-SandboxCustomer $sb -Id $extra.Id
    }
    AfterAll { Clear-SandboxExtraField $sb }

    It 'are read at all three levels: top level, contact and address' {
        $c = Get-SecuCustomer -Id $extra.Id
        $c.AdditionalProperties.merchant_customer_id | Should -Be 'M-1'
        $c.Contact.ident_service_ids | Should -Be 'a', 'b'
        $c.Contact.flags.vip | Should -BeTrue
        $c.Contact.address.geo.lat | Should -Be 52.5
        $c.Contact.address.city | Should -Be 'Berlin'
    }

    It 'are sent back unchanged when Set-SecuCustomer writes the contact' {
        $before = $extraRaw.contact | ConvertTo-Json -Depth 10 -Compress
        Get-SecuCustomer -Id $extra.Id | Set-SecuCustomer -Email extra@example.com
        $after = Get-SandboxCustomer $sb -Id $extra.Id
        $after.contact.email | Should -Be 'extra@example.com'
        $after.contact.PSObject.Properties.Remove('email')
        $after.contact | ConvertTo-Json -Depth 10 -Compress | Should -Be $before
        $after.merchant_customer_id | Should -Be 'M-1'
        # The update body holds only the contact: top-level members are never sent.
        Get-SandboxRequestLog $sb -Method PUT | Should -Not -BeNullOrEmpty
    }

    It 'pass through New-SecuCustomer -Contact from a customer the module read' {
        # Values other than the sandbox's defaults for new customers, so only a pass-through can store them.
        $source = Invoke-SandboxApi $sb POST '/Payment/Customers' -Body @{ contact = @{ forename = 'Source'; ident_service_ids = @('x', 'y')
                address = @{ city = 'Kiel'; geo = @{ lat = 54.3; lng = 10.1 } } } }
        $copy = New-SecuCustomer -Contact (Get-SecuCustomer -Id $source.id).Contact -Surname Copy
        $stored = (Get-SandboxCustomer $sb -Id $copy.Id).contact
        $stored.surname | Should -Be 'Copy'
        $stored.forename | Should -Be 'Source'
        $stored.ident_service_ids | Should -Be 'x', 'y'
        $stored.address.geo.lng | Should -Be 10.1
        $stored.address.city | Should -Be 'Kiel'
    }

    It 'read an empty array where the address belongs as no address' {
        Set-SandboxExtraField $sb -EmptyAddressAsArray
        try {
            $made = New-SecuCustomer -Forename NoAddress
            $got = Get-SecuCustomer -Id $made.Id -ErrorAction Stop
            $made | Set-SecuCustomer -Email noaddress@example.com -ErrorAction Stop
        } finally { Clear-SandboxExtraField $sb }
        $got.Forename | Should -Be 'NoAddress'
        $got.City | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $made.Id).contact.email | Should -Be 'noaddress@example.com'
    }
}

Describe 'Input columns that bind to nothing' {
    It 'binds common header spellings: <Header>' -ForEach @(
        @{ Header = 'first name,last name,e-mail,zip'; Values = 'Ada,Lovelace,ada@example.com,01234' }
        @{ Header = 'GivenName,FamilyName,EmailAddress,PostCode,MobilePhone'; Values = 'Ada,Lovelace,ada@example.com,01234,+4917' }
        @{ Header = 'First_Name,Last-Name,Mail,Post Code,Town'; Values = 'Ada,Lovelace,ada@example.com,01234,Bonn' }
    ) {
        $csv = Join-Path $TestDrive 'headers.csv'
        Set-Content -LiteralPath $csv -Value $Header, $Values
        $made = Import-Csv -LiteralPath $csv | New-SecuCustomer -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        $stored = (Get-SandboxCustomer $sb -Id $made.Id).contact
        $stored.forename | Should -Be 'Ada'
        $stored.surname | Should -Be 'Lovelace'
        $stored.email | Should -Be 'ada@example.com'
        $stored.address.postal_code | Should -Be '01234'
    }

    It 'binds hashtables piped to New-SecuCustomer' {
        $made = @{ Forename = 'Hash'; 'e-mail' = 'hash@example.com' } | New-SecuCustomer
        (Get-SandboxCustomer $sb -Id $made.Id).contact.email | Should -Be 'hash@example.com'
    }

    It 'warns once per distinct set of unused names, naming them, and still creates the rows' {
        $rows = @(
            [pscustomobject]@{ Forename = 'U1'; Nickname = 'x'; Notes = 'y' }
            [pscustomobject]@{ Forename = 'U2'; Nickname = 'x'; Notes = 'y' }
            [pscustomobject]@{ Forename = 'U3'; Shoe = '42' }
        )
        $made = @($rows | New-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue)
        $made.Count | Should -Be 3
        @($warned).Count | Should -Be 2
        "$($warned[0])" | Should -Match "'Nickname', 'Notes'"
        "$($warned[1])" | Should -Match "'Shoe'"
    }

    It 'never counts the module''s own output properties as unused' {
        $c = New-SecuCustomer -Forename Copy -Surname Source
        Set-SandboxExtraField $sb -Customer @{ merchant_customer_id = 'M-2' }
        try { $withExtra = Get-SecuCustomer -Id (New-SecuCustomer -Forename HasExtra).Id } finally { Clear-SandboxExtraField $sb }
        $null = $c, $withExtra | New-SecuCustomer -WarningVariable warned
        $c, $withExtra | Set-SecuCustomer -Title Dr -WarningVariable warnedSet
        $warned | Should -BeNullOrEmpty
        $warnedSet | Should -BeNullOrEmpty
    }

    It 'reports a Set whose input has no recognised field as NoCustomerFields, sending nothing' {
        $c = New-SecuCustomer -Forename NoField
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { [pscustomobject]@{ Id = $c.Id; Nickname = 'x' } | Set-SecuCustomer -WarningAction SilentlyContinue }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'NoCustomerFields,SecuConnect.Commands.SetSecuCustomerCommand'
        $r.Errors[0].TargetObject.Nickname | Should -Be 'x'
        Get-SandboxRequestLog $sb -Path '*/Customers*' | Should -BeNullOrEmpty
    }

    It 'names the delimiter when a file written with -UseCulture under de-DE is read without it, sending nothing' {
        $c = New-SecuCustomer -Forename Semi -Surname Colon -City Bonn
        $file = Join-Path $TestDrive 'de.csv'
        Invoke-InCulture 'de-DE' { Get-SecuCustomer -Id $c.Id | Export-Csv -LiteralPath $file -UseCulture }
        Clear-SandboxRequestLog $sb
        $set = Invoke-Captured { Import-Csv -LiteralPath $file | Set-SecuCustomer }
        $set.Errors.Count | Should -Be 1
        $set.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCustomerId,SecuConnect.Commands.SetSecuCustomerCommand'
        "$($set.Errors[0])" | Should -Match "has no Id property"
        "$($set.Errors[0])" | Should -Match ([regex]::Escape("Import-Csv -Delimiter ';'"))
        $null = Import-Csv -LiteralPath $file |
            New-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'NoCustomerFields,SecuConnect.Commands.NewSecuCustomerCommand'
        "$warned" | Should -Match ([regex]::Escape("Import-Csv -Delimiter ';'"))
        Get-SandboxRequestLog $sb -Path '*/Customers*' | Should -BeNullOrEmpty
        # Read with the right delimiter, the same file works.
        Invoke-InCulture 'de-DE' { Import-Csv -LiteralPath $file -UseCulture | Set-SecuCustomer -City Berlin }
        (Get-SandboxCustomer $sb -Id $c.Id).contact.address.city | Should -Be 'Berlin'
    }

    It 'says that a row''s Id is empty rather than malformed' {
        $r = Invoke-Captured { [pscustomobject]@{ Id = ''; City = 'Bonn' } | Remove-SecuCustomer -Force }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCustomerId,SecuConnect.Commands.RemoveSecuCustomerCommand'
        "$($r.Errors[0])" | Should -Match "Id is empty"
    }

    It 'refuses a -Contact key the user mistyped, naming the nearest field' {
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { New-SecuCustomer -Contact @{ forename = 'Typo'; emial = 'typo@example.com' } }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidContact,SecuConnect.Commands.NewSecuCustomerCommand'
        $r.Errors[0].Exception.Message | Should -Match "'emial'.*'email'"
        Get-SandboxRequestLog $sb -Method POST | Should -BeNullOrEmpty
    }

    It 'accepts the output''s names in a typed -Contact' {
        $made = New-SecuCustomer -Contact @{ Forename = 'Typed'; PostalCode = '01234'; address = @{ City = 'Ulm' } }
        $stored = (Get-SandboxCustomer $sb -Id $made.Id).contact
        $stored.forename | Should -Be 'Typed'
        $stored.address.postal_code | Should -Be '01234'
        $stored.address.city | Should -Be 'Ulm'
    }
}

Describe 'Several ids' {
    It 'Set-SecuCustomer -Id and Remove-SecuCustomer -Id take several ids' {
        $a = New-SecuCustomer -Forename Multi -Surname A
        $b = New-SecuCustomer -Forename Multi -Surname B
        Set-SecuCustomer -Id $a.Id, $b.Id -City Graz
        (Get-SandboxCustomer $sb -Id $a.Id).contact.address.city | Should -Be 'Graz'
        (Get-SandboxCustomer $sb -Id $b.Id).contact.address.city | Should -Be 'Graz'
        Remove-SecuCustomer -Id $a.Id, $b.Id -Force
        Get-SandboxCustomer $sb -Id $a.Id | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $b.Id | Should -BeNullOrEmpty
    }
}
