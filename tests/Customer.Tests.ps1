# New/Get/Set/Remove-SecuCustomer: the vendor walk-through, every field, -Contact, dates of birth, output shape.

BeforeDiscovery {
    # Parameter, where the API stores it, the value sent and the value the API keeps.
    $script:Fields = @(
        @{ Param = 'Forename'; Wire = 'forename'; Value = 'Ada'; Stored = 'Ada' }
        @{ Param = 'Surname'; Wire = 'surname'; Value = 'Lovelace'; Stored = 'Lovelace' }
        @{ Param = 'CompanyName'; Wire = 'companyname'; Value = 'Analytical Engines Ltd'; Stored = 'Analytical Engines Ltd' }
        @{ Param = 'Salutation'; Wire = 'salutation'; Value = 'Mrs.'; Stored = 'Mrs.' }
        @{ Param = 'Gender'; Wire = 'gender'; Value = 'f'; Stored = 'f' }
        @{ Param = 'Title'; Wire = 'title'; Value = 'Countess'; Stored = 'Countess' }
        @{ Param = 'Email'; Wire = 'email'; Value = 'ada@example.com'; Stored = 'ada@example.com' }
        @{ Param = 'Phone'; Wire = 'phone'; Value = '0049-30-1234567'; Stored = '0049301234567' }
        @{ Param = 'Mobile'; Wire = 'mobile'; Value = '+49170123456'; Stored = '+49170123456' }
        @{ Param = 'Fax'; Wire = 'fax'; Value = '030-1234-99'; Stored = '030-1234-99' }
        @{ Param = 'DateOfBirth'; Wire = 'dob'; Value = '1815-12-10'; Stored = '1815-12-10T00:00:00+00:00' }
        @{ Param = 'Picture'; Wire = 'picture'; Value = 'DOC_0123'; Stored = 'DOC_0123' }
        @{ Param = 'Website'; Wire = 'url_website'; Value = 'www.example.com'; Stored = 'www.example.com' }
        @{ Param = 'Birthplace'; Wire = 'birthplace'; Value = 'London'; Stored = 'London' }
        @{ Param = 'Nationality'; Wire = 'nationality'; Value = 'GB'; Stored = 'GB' }
        @{ Param = 'Street'; Wire = 'address.street'; Value = 'St James Square'; Stored = 'St James Square' }
        @{ Param = 'StreetNumber'; Wire = 'address.street_number'; Value = '12a'; Stored = '12a' }
        @{ Param = 'PostalCode'; Wire = 'address.postal_code'; Value = '01234'; Stored = '01234' }
        @{ Param = 'City'; Wire = 'address.city'; Value = 'London'; Stored = 'London' }
        @{ Param = 'Country'; Wire = 'address.country'; Value = 'GB'; Stored = 'GB' }
        @{ Param = 'AdditionalAddressData'; Wire = 'address.additional_address_data'; Value = 'c/o Babbage'; Stored = 'c/o Babbage' }
        @{ Param = 'AddressType'; Wire = 'address.type'; Value = 'invoice'; Stored = 'invoice' }
    )
    $script:GoodDates = @(
        @{ Case = 'a [datetime] with a time of day'; Culture = ''; Value = [datetime]::new(1901, 2, 3, 23, 30, 0) }
        @{ Case = 'ISO yyyy-MM-dd under de-DE'; Culture = 'de-DE'; Value = '1901-02-03' }
        @{ Case = 'ISO yyyy-MM-dd under en-US'; Culture = 'en-US'; Value = '1901-02-03' }
        @{ Case = 'de-DE 03.02.1901 under de-DE'; Culture = 'de-DE'; Value = '03.02.1901' }
        @{ Case = 'year first with slashes under en-US'; Culture = 'en-US'; Value = '1901/2/3' }
        @{ Case = 'a month name under en-US'; Culture = 'en-US'; Value = 'February 3, 1901' }
        @{ Case = 'what Export-Csv writes under da-DK, a time with dots'; Culture = 'da-DK'; Value = '03.02.1901 00.00.00' }
        @{ Case = 'what Export-Csv writes under fi-FI, a time with dots'; Culture = 'fi-FI'; Value = '3.2.1901 0.00.00' }
    )
    $script:BadDates = @(
        @{ Value = 'not a date'; Culture = 'en-US' }
        @{ Value = '1901-02-30'; Culture = 'en-US' }
        @{ Value = '31.02.1901'; Culture = 'de-DE' }
        @{ Value = '13/13/1901'; Culture = 'en-US' }
        @{ Value = '02/03/1901'; Culture = 'en-US' }
        @{ Value = '02/03/1901'; Culture = 'en-GB' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    # Reads 'address.city' style paths from a raw API record's contact.
    function Get-WireValue($Contact, [string] $Path) {
        $v = $Contact
        foreach ($part in $Path.Split('.')) { if ($null -eq $v) { return $null }; $v = $v.$part }
        $v
    }
    function Invoke-InCulture([string] $Culture, [scriptblock] $Script) {
        $old = [cultureinfo]::CurrentCulture
        try {
            if ($Culture) { [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo($Culture) }
            & $Script
        } finally { [cultureinfo]::CurrentCulture = $old }
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'The vendor walk-through' {
    It 'creates the guide''s customer' {
        $script:guide = New-SecuCustomer -Forename Hacker -Surname 'John R.' -Country PL -City Wroclaw -Street Kurkowa -PostalCode 50-000 -StreetNumber 14
        @($guide).Count | Should -Be 1
        $guide.Id | Should -MatchExactly '^PCU_[A-Z0-9]{30}$'
        $guide.Name | Should -Be 'Hacker John R.'
        $raw = Get-SandboxCustomer $sb -Id $guide.Id
        $raw.contact.forename | Should -Be 'Hacker'
        $raw.contact.surname | Should -Be 'John R.'
        $raw.contact.address.country | Should -Be 'PL'
        $raw.contact.address.city | Should -Be 'Wroclaw'
        $raw.contact.address.street | Should -Be 'Kurkowa'
        $raw.contact.address.postal_code | Should -Be '50-000'
        $raw.contact.address.street_number | Should -Be '14'
    }

    It 'reads it by id' {
        Clear-SandboxRequestLog $sb
        $c = Get-SecuCustomer -Id $guide.Id
        $c.Id | Should -Be $guide.Id
        $c.Surname | Should -Be 'John R.'
        $c.City | Should -Be 'Wroclaw'
        $log = @(Get-SandboxRequestLog $sb -Path "*/Payment/Customers/$($guide.Id)" -Method GET)
        $log.Count | Should -Be 1
    }

    It 'updates the surname to John Random and keeps the address' {
        $updated = Set-SecuCustomer -Id $guide.Id -Surname 'John Random' -PassThru
        $updated.Surname | Should -Be 'John Random'
        $raw = Get-SandboxCustomer $sb -Id $guide.Id
        $raw.contact.surname | Should -Be 'John Random'
        $raw.contact.name | Should -Be 'Hacker John Random'
        $raw.contact.forename | Should -Be 'Hacker'
        $raw.contact.address.city | Should -Be 'Wroclaw'
        $raw.contact.address.postal_code | Should -Be '50-000'
        $raw.updated | Should -Not -BeNullOrEmpty
    }

    It 'lists it' {
        $all = @(Get-SecuCustomer)
        $all.Id | Should -Contain $guide.Id
        ($all | Where-Object Id -EQ $guide.Id).Name | Should -Be 'Hacker John Random'
        $all.Count | Should -Be @(Get-SandboxCustomer $sb).Count
    }

    It 'deletes it' {
        $out = @(Remove-SecuCustomer -Id $guide.Id -Confirm:$false)
        $out.Count | Should -Be 0
        Get-SandboxCustomer $sb -Id $guide.Id | Should -BeNullOrEmpty
    }
}

Describe 'New-SecuCustomer with every field parameter' {
    BeforeAll {
        $script:params = @{}
        foreach ($f in $Fields) { $params[$f.Param] = $f.Value }
        $script:created = New-SecuCustomer @params
        $script:raw = Get-SandboxCustomer $sb -Id $created.Id
    }

    It 'stores -<Param> as <Wire>' -ForEach $Fields {
        Get-WireValue $raw.contact $Wire | Should -BeExactly $Stored
    }

    It 'writes -<Param> back on the output object' -ForEach ($Fields | Where-Object Param -NE 'DateOfBirth') {
        $created.$Param | Should -BeExactly $Stored
    }
}

Describe 'New-SecuCustomer parameter forms' {
    It 'binds the API''s snake_case names and the common CSV aliases' {
        $p = @{
            FirstName = 'Alan'; LastName = 'Turing'; dob = '1912-06-23'; url_website = 'www.turing.example'
            postal_code = '01234'; street_number = '6a'; additional_address_data = 'Bletchley Park'; companyname = 'GCCS'
        }
        $c = New-SecuCustomer @p
        $raw = Get-SandboxCustomer $sb -Id $c.Id
        $raw.contact.forename | Should -Be 'Alan'
        $raw.contact.surname | Should -Be 'Turing'
        $raw.contact.dob | Should -Be '1912-06-23T00:00:00+00:00'
        $raw.contact.url_website | Should -Be 'www.turing.example'
        $raw.contact.companyname | Should -Be 'GCCS'
        $raw.contact.address.postal_code | Should -Be '01234'
        $raw.contact.address.street_number | Should -Be '6a'
        $raw.contact.address.additional_address_data | Should -Be 'Bletchley Park'
    }

    It 'creates from a -Contact hashtable in the API''s shape' {
        $c = New-SecuCustomer -Contact @{
            forename = 'Grace'; surname = 'Hopper'; email = 'grace@example.com'; dob = '1906-12-09'
            address = @{ city = 'New York'; country = 'US'; postal_code = '10001' }
        }
        $raw = Get-SandboxCustomer $sb -Id $c.Id
        $raw.contact.name | Should -Be 'Grace Hopper'
        $raw.contact.email | Should -Be 'grace@example.com'
        $raw.contact.dob | Should -Be '1906-12-09T00:00:00+00:00'
        $raw.contact.address.city | Should -Be 'New York'
        $raw.contact.address.postal_code | Should -Be '10001'
        $c.City | Should -Be 'New York'
    }

    It 'creates from a -Contact object in the API''s shape' {
        $contact = [pscustomobject]@{ forename = 'Katherine'; surname = 'Johnson'; address = [pscustomobject]@{ city = 'Hampton'; country = 'US' } }
        $c = New-SecuCustomer -Contact $contact
        $raw = Get-SandboxCustomer $sb -Id $c.Id
        $raw.contact.surname | Should -Be 'Johnson'
        $raw.contact.address.city | Should -Be 'Hampton'
    }

    It 'leaves out empty strings on New' {
        Clear-SandboxRequestLog $sb
        # The sandbox also drops empty strings, so the request body in the Debug stream shows what was sent.
        $DebugPreference = 'Continue'
        $records = @(New-SecuCustomer -Forename Empty -Surname Strings -Email '' -City '' -Country '' 5>&1)
        $DebugPreference = 'SilentlyContinue'
        $c = $records | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] }
        $body = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -match '^POST .*body' } | ForEach-Object Message)
        $body.Count | Should -Be 1
        $body[0] | Should -Match '"forename"'
        $body[0] | Should -Not -Match '"email"|"address"|"city"|"country"'
        $raw = Get-SandboxCustomer $sb -Id $c.Id
        $raw.contact.forename | Should -Be 'Empty'
        $raw.contact.PSObject.Properties.Name | Should -Not -Contain 'email'
        $c.Email | Should -BeNullOrEmpty
        $c.City | Should -BeNullOrEmpty
        $post = @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST)
        $post.Count | Should -Be 1
        $post[0].status | Should -Be 200
    }
}

Describe 'New-SecuCustomer -DateOfBirth' {
    It 'accepts <Case> as 1901-02-03' -ForEach $GoodDates {
        $value = $Value
        $c = Invoke-InCulture $Culture { New-SecuCustomer -Forename Dob -Surname Check -DateOfBirth $value }
        (Get-SandboxCustomer $sb -Id $c.Id).contact.dob | Should -Be '1901-02-03T00:00:00+00:00'
        $c.DateOfBirth | Should -BeExactly '1901-02-03'
    }

    It 'rejects <Value> under <Culture> with InvalidDateOfBirth and sends no request' -ForEach $BadDates {
        Clear-SandboxRequestLog $sb
        $value = $Value
        $r = Invoke-InCulture $Culture { Invoke-Captured { New-SecuCustomer -Forename Bad -Surname Date -DateOfBirth $value } }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidDateOfBirth,SecuConnect.Commands.NewSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($r.Errors[0].Exception.Message) $($r.Errors[0].ErrorDetails.Message)" | Should -Match 'DateOfBirth'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*' -Method POST).Count | Should -Be 0
    }
}

Describe 'Set-SecuCustomer and a date of birth after today' {
    It 'keeps a stored date of birth after today when a row gives it back unchanged, and applies the row''s other edit' {
        # An earlier version (or another client) stored a Thai spreadsheet's year as it came.
        $id = (Invoke-SecuConnectRequest -Method Post -Uri Payment/Customers -Body @{ contact = @{ forename = 'Thai'; surname = 'Year'; dob = '2513-12-31' } }).id
        $csv = Join-Path $TestDrive 'future-dob.csv'
        Get-SecuCustomer -Id $id | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows[0].DateOfBirth | Should -Be '2513-12-31'
        $rows[0].City = 'Chiang Mai'
        $r = Invoke-Captured { $rows | Set-SecuCustomer -PassThru }
        $r.Errors | Should -BeNullOrEmpty
        $raw = Get-SandboxCustomer $sb -Id $id
        $raw.contact.address.city | Should -Be 'Chiang Mai'
        $raw.contact.dob | Should -Match '^2513-12-31'
    }

    It 'refuses a date of birth after today that differs from the stored one, and changes nothing' {
        $c = New-SecuCustomer -Forename Future -Surname Typo -DateOfBirth 1970-12-31
        $before = (Get-SandboxCustomer $sb -Id $c.Id | ConvertTo-Json -Depth 9)
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Set-SecuCustomer -Id $c.Id -DateOfBirth '31.12.2513' -City Bangkok }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Match '^InvalidDateOfBirth,'
        $r.Errors[0].Exception.Message | Should -Match '2513-12-31.*after today'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*' -Method PUT).Count | Should -Be 0
        (Get-SandboxCustomer $sb -Id $c.Id | ConvertTo-Json -Depth 9) | Should -Be $before
    }
}

Describe 'Output objects' {
    BeforeAll {
        $script:out = New-SecuCustomer -Forename Ada -Surname Lovelace -DateOfBirth '1815-12-10' -City London -Country GB -Email ada@example.com
    }

    It 'has the type name SecuConnect.Customer and the documented properties in order' {
        $out.PSObject.TypeNames[0] | Should -Be 'SecuConnect.Customer'
        $expected = 'Id', 'Name', 'Forename', 'Surname', 'CompanyName', 'Salutation', 'Gender', 'Title', 'Email', 'Phone',
        'Mobile', 'Fax', 'DateOfBirth', 'Picture', 'Website', 'Birthplace', 'Nationality', 'Street', 'StreetNumber',
        'PostalCode', 'City', 'Country', 'AdditionalAddressData', 'AddressType', 'Created', 'Updated', 'ContractId',
        'MerchantId', 'AdditionalProperties', 'Contact'
        @($out.PSObject.Properties | Where-Object MemberType -NE 'AliasProperty' | ForEach-Object Name) | Should -Be $expected
    }

    It 'types dates: DateOfBirth an ISO date string, Created a DateTimeOffset, Updated empty until the first update' {
        $out.DateOfBirth | Should -BeExactly '1815-12-10'
        $out.Created | Should -BeOfType [datetimeoffset]
        $raw = Get-SandboxCustomer $sb -Id $out.Id
        $out.Created | Should -Be ([datetimeoffset]::Parse($raw.created, [cultureinfo]::InvariantCulture))
        $out.Updated | Should -BeNullOrEmpty
        $updated = Set-SecuCustomer -Id $out.Id -Title Countess -PassThru
        $updated.Updated | Should -BeOfType [datetimeoffset]
        $updated.Created | Should -Be $out.Created
    }

    It 'carries contract, merchant and the raw contact' {
        $out.ContractId | Should -MatchExactly '^PCR_[A-Z0-9]{30}$'
        $out.MerchantId | Should -MatchExactly '^MRC_[A-Z0-9]{30}$'
        $out.Contact.forename | Should -Be 'Ada'
        $out.Contact.address.city | Should -Be 'London'
        $out.Phone | Should -BeNullOrEmpty
    }

    It 'reads the same shape back from Get-SecuCustomer' {
        $got = Get-SecuCustomer -Id $out.Id
        $got.PSObject.TypeNames[0] | Should -Be 'SecuConnect.Customer'
        $got.DateOfBirth | Should -BeExactly '1815-12-10'
        $got.Email | Should -Be 'ada@example.com'
        $got.Created | Should -Be $out.Created
    }

    It 'formats as a compact table: Id, Name, Email, City, Country, Created, CompanyName' {
        $view = (Get-FormatData -TypeName SecuConnect.Customer).FormatViewDefinition |
            Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        $view | Should -Not -BeNullOrEmpty
        @($view.Control.Headers.Label) | Should -Be @('Id', 'Name', 'Email', 'City', 'Country', 'Created', 'CompanyName')
        $text = $out | Out-String -Width 300
        $text | Should -Match 'Id\s+Name\s+Email\s+City\s+Country\s+Created\s+CompanyName'
        $text | Should -Match ([regex]::Escape($out.Id))
        $text | Should -Not -Match 'Forename'
    }

    It 'keeps an edited value as given: '''' clears the field in Set, $null leaves it alone' {
        $c = New-SecuCustomer -Forename Grace -Surname Hopper -Email grace@example.com -Phone '0049-30-1' -City Arlington
        $c.Email = ''
        $c.Phone = $null
        $c.City = 'New York'
        $c.Email | Should -BeExactly ''
        $c.Phone | Should -BeNullOrEmpty
        $c | Set-SecuCustomer
        $raw = Get-SandboxCustomer $sb -Id $c.Id
        $raw.contact.PSObject.Properties.Name | Should -Not -Contain 'email'
        $raw.contact.phone | Should -Be '0049301'
        $raw.contact.address.city | Should -Be 'New York'
    }

    It 'takes members added by scripts, names itself by its id, and builds the raw contact only when read' {
        $c = Get-SecuCustomer -Id $out.Id
        "$c" | Should -BeExactly $out.Id
        $c | Add-Member -NotePropertyName Batch -NotePropertyValue 7 -PassThru | ForEach-Object Batch | Should -Be 7
        $c.Contact.forename | Should -Be 'Ada'
        $c.Contact = @{ forename = 'Augusta' }
        $c.Contact.forename | Should -Be 'Augusta'
        # A customer given where an id is expected names itself.
        (Get-SecuCustomer -Id $c).Id | Should -Be $out.Id
    }

    It 'lets tab completion offer its properties after the pipeline' {
        $line = 'Get-SecuCustomer | ForEach-Object { $_.Postal'
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain 'PostalCode'
    }
}

Describe 'Tab completion' {
    It 'completes -Id from the default connection' {
        $c = New-SecuCustomer -Forename Complete -Surname Me
        $line = 'Get-SecuCustomer -Id '
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain $c.Id
    }

    It 'completes -Id silently with nothing when not connected' {
        Disconnect-SecuConnect
        try {
            $errorsBefore = $Error.Count
            $line = 'Get-SecuCustomer -Id PCU_'
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            @($result.CompletionMatches | Where-Object CompletionText -Like 'PCU_*').Count | Should -Be 0
            $Error.Count | Should -Be $errorsBefore
        } finally { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }
    }

    It 'completes -Environment with Production and Testing' {
        $line = 'Connect-SecuConnect -Environment '
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'Production'
        $result.CompletionMatches.CompletionText | Should -Contain 'Testing'
    }

    It 'completes -Country with two-letter codes' {
        $line = 'New-SecuCustomer -Country D'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'DE'
    }
}
