# CSV files exported from the address books admins already keep customers in (Outlook, Google Contacts): every column
# of the export's real header, piped from Import-Csv to New-SecuCustomer as they come.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    # The header row Outlook's "Export to a file > Comma Separated Values" writes.
    $script:OutlookHeader = @(
        'Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix', 'Company', 'Department', 'Job Title',
        'Business Street', 'Business Street 2', 'Business Street 3', 'Business City', 'Business State', 'Business Postal Code', 'Business Country/Region',
        'Home Street', 'Home Street 2', 'Home Street 3', 'Home City', 'Home State', 'Home Postal Code', 'Home Country/Region',
        'Other Street', 'Other Street 2', 'Other Street 3', 'Other City', 'Other State', 'Other Postal Code', 'Other Country/Region',
        "Assistant's Phone", 'Business Fax', 'Business Phone', 'Business Phone 2', 'Callback', 'Car Phone', 'Company Main Phone',
        'Home Fax', 'Home Phone', 'Home Phone 2', 'ISDN', 'Mobile Phone', 'Other Fax', 'Other Phone', 'Pager', 'Primary Phone',
        'Radio Phone', 'TTY/TDD Phone', 'Telex', 'Account', 'Anniversary', "Assistant's Name", 'Billing Information', 'Birthday',
        'Business Address PO Box', 'Categories', 'Children', 'Directory Server', 'E-mail Address', 'E-mail Type', 'E-mail Display Name',
        'E-mail 2 Address', 'E-mail 2 Type', 'E-mail 2 Display Name', 'E-mail 3 Address', 'E-mail 3 Type', 'E-mail 3 Display Name',
        'Gender', 'Government ID Number', 'Hobby', 'Home Address PO Box', 'Initials', 'Internet Free Busy', 'Keywords', 'Language',
        'Location', "Manager's Name", 'Mileage', 'Notes', 'Office Location', 'Organizational ID Number', 'Other Address PO Box',
        'Priority', 'Private', 'Profession', 'Referred By', 'Sensitivity', 'Spouse', 'User 1', 'User 2', 'User 3', 'User 4', 'Web Page')

    # The header row Google Contacts' "Export > Google CSV" writes.
    $script:GoogleHeader = @(
        'First Name', 'Middle Name', 'Last Name', 'Phonetic First Name', 'Phonetic Middle Name', 'Phonetic Last Name', 'Name Prefix',
        'Name Suffix', 'Nickname', 'File As', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Notes',
        'Photo', 'Labels', 'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Label', 'E-mail 2 - Value', 'Phone 1 - Label',
        'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value',
        'Address 1 - Label', 'Address 1 - Formatted', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - PO Box', 'Address 1 - Region',
        'Address 1 - Postal Code', 'Address 1 - Country', 'Address 1 - Extended Address',
        'Address 2 - Label', 'Address 2 - Formatted', 'Address 2 - Street', 'Address 2 - City', 'Address 2 - PO Box', 'Address 2 - Region',
        'Address 2 - Postal Code', 'Address 2 - Country', 'Address 2 - Extended Address', 'Website 1 - Label', 'Website 1 - Value')

    # Writes a CSV file as the program does: the full header, every cell quoted, unnamed cells empty.
    function New-ExportFile([string] $Name, [string[]] $Header, [hashtable[]] $Rows) {
        $path = Join-Path $TestDrive $Name
        $lines = @(($Header | ForEach-Object { '"' + $_.Replace('"', '""') + '"' }) -join ',')
        foreach ($row in $Rows) {
            $lines += ($Header | ForEach-Object { '"' + "$($row[$_])".Replace('"', '""') + '"' }) -join ','
        }
        Set-Content -LiteralPath $path -Value $lines -Encoding utf8
        $path
    }

    function Find-Stored([string] $Email) { @(Get-SandboxCustomer $sb) | Where-Object { $_.contact.email -eq $Email } }
}

AfterAll { Stop-SecuSandbox $script:sb }

Describe 'An Outlook export' {
    BeforeAll {
        # The sandbox stores phone numbers without their spaces.
        Reset-Sandbox $sb
        $file = New-ExportFile 'outlook.csv' $OutlookHeader @(
            @{ 'Title' = 'Dr.'; 'First Name' = 'Ada'; 'Last Name' = 'Lovelace'; 'Company' = 'Analytical Engines'; 'E-mail Address' = 'ada@example.com'
               'Business Phone' = '+49 30 1234567'; 'Home Phone' = '+49 30 7654321'; 'Mobile Phone' = '+49 170 1234567'; 'Birthday' = '3/24/1970'
               'Home Street' = 'Hauptstraße 5'; 'Home City' = 'Berlin'; 'Home Postal Code' = '10115'; 'Home Country/Region' = 'Germany'
               'Business Street' = 'Unter den Linden 1'; 'Business City' = 'Berlin'; 'Business Country/Region' = 'Deutschland'
               'Gender' = 'Unspecified'; 'Priority' = 'Normal'; 'Private' = 'False'; 'Sensitivity' = 'Normal' }
            @{ 'First Name' = 'Grace'; 'Last Name' = 'Hopper'; 'E-mail Address' = 'grace@example.com'; 'Home Phone' = '+1 650 555 0100'; 'Birthday' = '0/0/00'
               'Business Street' = '1600 Amphitheatre Parkway'; 'Business City' = 'Mountain View'; 'Business Postal Code' = '94043'
               'Business Country/Region' = 'United States'; 'Business State' = 'CA'; 'Priority' = 'Normal'; 'Private' = 'False' }
            @{ 'First Name' = 'Hedy'; 'Last Name' = 'Lamarr'; 'E-mail Address' = 'hedy@example.com'; 'Birthday' = '0/0/00'
               'Home Street' = 'Straße des 17. Juni 135'; 'Home City' = 'Wien'; 'Home Postal Code' = '1010'; 'Home Country/Region' = 'Österreich' }
            @{ 'First Name' = 'Atlas'; 'Last Name' = 'Nowhere'; 'E-mail Address' = 'atlas@example.com'
               'Home Street' = 'Deep Road 1'; 'Home City' = 'Poseidonia'; 'Home Country/Region' = 'Atlantis' }
        )
        Clear-SandboxRequestLog $sb
        $script:created = @(Import-Csv $file | New-SecuCustomer -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $script:warnings = @($w)
        $script:errors = @($e)
    }

    It 'creates every record it can read, with phone, address and birthday' {
        $created.Count | Should -Be 3
        $ada = Find-Stored 'ada@example.com'
        $ada.contact.forename | Should -Be 'Ada'
        $ada.contact.companyname | Should -Be 'Analytical Engines'
        $ada.contact.phone | Should -Be '+49301234567'
        $ada.contact.mobile | Should -Be '+491701234567'
        $ada.contact.dob | Should -Match '^1970-03-24'
        $ada.contact.address.city | Should -Be 'Berlin'
        $ada.contact.address.postal_code | Should -Be '10115'
        $ada.contact.address.country | Should -Be 'DE'
    }

    It 'takes the Home address, not a mix of Home and Business' {
        (Find-Stored 'ada@example.com').contact.address.street | Should -Be 'Hauptstraße'
        (Find-Stored 'ada@example.com').contact.address.street_number | Should -Be '5'
    }

    It 'takes the Business address of a record without a Home address, and the Home phone when Business Phone is empty' {
        $grace = Find-Stored 'grace@example.com'
        $grace.contact.address.city | Should -Be 'Mountain View'
        $grace.contact.address.country | Should -Be 'US'
        $grace.contact.address.street_number | Should -Be '1600'
        $grace.contact.address.street | Should -Be 'Amphitheatre Parkway'
        $grace.contact.phone | Should -Be '+16505550100'
    }

    It 'reads Outlook''s 0/0/00 as no birthday' {
        (Find-Stored 'grace@example.com').contact.PSObject.Properties['dob'] | Should -BeNullOrEmpty
    }

    It 'keeps a street whose number cannot be split off without doubt as written' {
        $hedy = Find-Stored 'hedy@example.com'
        $hedy.contact.address.street | Should -Be 'Straße des 17. Juni 135'
        $hedy.contact.address.PSObject.Properties['street_number'] | Should -BeNullOrEmpty
        $hedy.contact.address.country | Should -Be 'AT'
    }

    It 'refuses a record whose country has no known code, naming the value, and sends nothing for it' {
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidCountry,SecuConnect.Commands.NewSecuCustomerCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -Match "'Atlantis'"
        $errors[0].Exception.Message | Should -Match 'Home Country/Region'
        $errors[0].TargetObject.'E-mail Address' | Should -Be 'atlas@example.com'
        @(Get-SandboxRequestLog $sb -Method POST | Where-Object path -like '*/Customers').Count | Should -Be 3
        Find-Stored 'atlas@example.com' | Should -BeNullOrEmpty
    }

    It 'names each address group it used in one warning' {
        $groups = @($warnings | Where-Object { "$_" -like 'The address comes from*' })
        $groups.Count | Should -Be 2
        "$($groups[0])" | Should -Match "Outlook columns of the Home address \('Home Street', 'Home Street 2', 'Home Postal Code', 'Home City', 'Home Country/Region'\)"
        "$($groups[1])" | Should -Match 'Outlook columns of the Business address'
    }

    It 'still names the columns that stay unmapped, and none of those it maps' {
        $unused = @($warnings | Where-Object { "$_" -like '*match no customer field*' })
        $unused.Count | Should -Be 1
        "$($unused[0])" | Should -Match "'Middle Name'"
        "$($unused[0])" | Should -Match "'Home State'"
        foreach ($mapped in 'Business Phone', 'Home Phone', 'Home Street', 'Home City', 'Home Postal Code', 'Home Country/Region', 'Birthday', 'Business Street') {
            "$($unused[0])" | Should -Not -Match ([regex]::Escape("'$mapped'"))
        }
    }
}

Describe 'A Google Contacts export' {
    BeforeAll {
        Reset-Sandbox $sb
        $file = New-ExportFile 'google.csv' $GoogleHeader @(
            @{ 'First Name' = 'Linus'; 'Last Name' = 'Rossi'; 'Organization Name' = 'Esempio SpA'; 'Birthday' = '1969-12-28'; 'Labels' = '* myContacts'
               'E-mail 1 - Label' = '* Work'; 'E-mail 1 - Value' = 'linus@example.com ::: linus.rossi@example.org'
               'Phone 1 - Label' = 'Work'; 'Phone 1 - Value' = '+39 06 1234567'
               'Address 1 - Label' = 'Home'; 'Address 1 - Formatted' = "Via Roma 10`n00184 Roma`nItalia"; 'Address 1 - Street' = 'Via Roma 10'
               'Address 1 - City' = 'Roma'; 'Address 1 - Postal Code' = '00184'; 'Address 1 - Country' = 'Italia' }
            @{ 'First Name' = 'Marie'; 'Last Name' = 'Dubois'; 'E-mail 1 - Value' = 'marie@example.com'; 'Phone 2 - Value' = '+32 2 123 45 67'
               'Address 2 - Label' = 'Work'; 'Address 2 - Street' = 'Rue de la Loi 16'; 'Address 2 - City' = 'Bruxelles'
               'Address 2 - Postal Code' = '1000'; 'Address 2 - Country' = 'Belgique'; 'Address 2 - Extended Address' = 'Bureau 4' }
        )
        Clear-SandboxRequestLog $sb
        $script:created = @(Import-Csv $file | New-SecuCustomer -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $script:warnings = @($w)
        $script:errors = @($e)
    }

    It 'creates every record with email, phone, company, birthday and address' {
        $errors | Should -BeNullOrEmpty
        $created.Count | Should -Be 2
        $linus = Find-Stored 'linus@example.com'
        $linus.contact.phone | Should -Be '+39061234567'
        $linus.contact.companyname | Should -Be 'Esempio SpA'
        $linus.contact.dob | Should -Match '^1969-12-28'
        $linus.contact.address.street | Should -Be 'Via Roma'
        $linus.contact.address.street_number | Should -Be '10'
        $linus.contact.address.postal_code | Should -Be '00184'
        $linus.contact.address.country | Should -Be 'IT'
    }

    It 'takes Address 2 for a record whose Address 1 is empty' {
        $marie = Find-Stored 'marie@example.com'
        $marie.contact.phone | Should -Be '+3221234567'
        $marie.contact.address.city | Should -Be 'Bruxelles'
        $marie.contact.address.country | Should -Be 'BE'
        $marie.contact.address.street | Should -Be 'Rue de la Loi'
        $marie.contact.address.street_number | Should -Be '16'
        $marie.contact.address.additional_address_data | Should -Be 'Bureau 4'
    }

    It 'names each address group it used in one warning, and the unmapped columns in another' {
        @($warnings | Where-Object { "$_" -like 'The address comes from the Google Contacts columns of the Address 1 address*' }).Count | Should -Be 1
        @($warnings | Where-Object { "$_" -like 'The address comes from the Google Contacts columns of the Address 2 address*' }).Count | Should -Be 1
        $unused = @($warnings | Where-Object { "$_" -like '*match no customer field*' })
        $unused.Count | Should -Be 1
        "$($unused[0])" | Should -Match "'Organization Title'"
        "$($unused[0])" | Should -Not -Match "'E-mail 1 - Value'|'Phone 1 - Value'|'Address 1 - Street'|'Organization Name'|'Birthday'"
    }
}

Describe 'Set-SecuCustomer with an export''s columns' {
    It 'refuses an unknown country before it reads or writes the customer' {
        $c = New-SecuCustomer -Forename Ada -Surname Lovelace
        Clear-SandboxRequestLog $sb
        $row = [pscustomobject]@{ Id = $c.Id; 'Home City' = 'Poseidonia'; 'Home Country/Region' = 'Atlantis' }
        $row | Set-SecuCustomer -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'InvalidCountry,SecuConnect.Commands.SetSecuCustomerCommand'
        Get-SandboxRequestLog $sb -Path '*/Customers*' | Should -BeNullOrEmpty
    }
}

Describe 'The column table in the help' {
    It 'names every column the module maps, in about_SecuConnect and New-SecuCustomer''s help' {
        # The declaration itself, read from the module, so a column added there without docs fails here.
        $type = (Get-Command New-SecuCustomer).ImplementingType.Assembly.GetType('SecuConnect.Commands.ExportColumns', $true)
        $columns = @($type.GetField('Single').GetValue($null) | ForEach-Object { $_.Item2 })
        foreach ($group in $type.GetField('AddressGroups').GetValue($null)) {
            $name = $group.GetType().GetProperty('Name').GetValue($group)
            $columns += $name -replace '^Address ', ''
            foreach ($c in $group.GetType().GetProperty('Columns').GetValue($group)) {
                # The table writes a group's columns once, as <Group> Street or Address <n> - Street.
                $columns += if ($c.Item2 -match '^Address \d+ - ') { $c.Item2 -replace '^Address \d+ - ', 'Address <n> - ' } else { $c.Item2 -replace "^$([regex]::Escape($name)) ", '<Group> ' }
            }
        }
        $columns.Count | Should -BeGreaterThan 20
        foreach ($page in 'about_SecuConnect.help.md', 'New-SecuCustomer.md') {
            $text = Get-Content -Raw (Join-Path $PSScriptRoot "../docs/en-US/$page")
            foreach ($column in $columns | Sort-Object -Unique) {
                $text | Should -Match ([regex]::Escape($column)) -Because "$page documents the column $column"
            }
        }
    }
}

