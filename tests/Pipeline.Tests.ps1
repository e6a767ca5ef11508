# Pipeline binding: Import-Csv | New, Get | Set merge, in-place edits, per-record values, clearing, CSV round-trips,
# Get | Remove and -PassThru.

BeforeDiscovery {
    $script:Cultures = @(
        @{ Label = 'the invariant culture'; Culture = '' }
        @{ Label = 'de-DE'; Culture = 'de-DE' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    $script:fullContact = @{
        forename = 'Ada'; surname = 'Lovelace'; companyname = 'Engines'; salutation = 'Mrs.'; gender = 'f'; title = 'Countess'
        email = 'ada@example.com'; phone = '+49301234567'; mobile = '+49170123456'; fax = '030-99'; dob = '1815-12-10'
        picture = 'DOC_1'; url_website = 'www.example.com'; birthplace = 'London'; nationality = 'GB'
        address = @{ street = 'Main'; street_number = '1a'; postal_code = '01234'; city = 'London'; country = 'GB'
            additional_address_data = 'c/o B'; type = 'invoice' }
    }
    # The stored contact as comparable JSON, without the named top-level or address fields.
    function Get-ContactJson($Sandbox, [string] $Id, [string[]] $Except = @()) {
        $c = (Get-SandboxCustomer $Sandbox -Id $Id).contact
        $h = [ordered]@{}
        foreach ($p in $c.PSObject.Properties | Sort-Object Name) {
            if ($p.Name -in $Except) { continue }
            if ($p.Name -eq 'address') {
                $a = [ordered]@{}
                foreach ($q in $p.Value.PSObject.Properties | Sort-Object Name) { if ("address.$($q.Name)" -notin $Except) { $a[$q.Name] = $q.Value } }
                $h.address = $a
            } else { $h[$p.Name] = $p.Value }
        }
        $h | ConvertTo-Json -Depth 5 -Compress
    }
    function Invoke-InCulture([string] $Culture, [scriptblock] $Script) {
        $old = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = if ($Culture) { [cultureinfo]::GetCultureInfo($Culture) } else { [cultureinfo]::InvariantCulture }
            & $Script
        } finally { [cultureinfo]::CurrentCulture = $old }
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Import-Csv | New-SecuCustomer' {
    It 'binds the PowerShell parameter names as CSV headers' {
        $csv = Join-Path $TestDrive 'ps-names.csv'
        @(
            [pscustomobject]@{ Forename = 'Csv'; Surname = 'PsOne'; City = 'Berlin'; PostalCode = '01067'; DateOfBirth = '1980-01-31'; Email = 'one@example.com' }
            [pscustomobject]@{ Forename = 'Csv'; Surname = 'PsTwo'; City = 'Dresden'; PostalCode = '01099'; DateOfBirth = '1981-12-01'; Email = 'two@example.com' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        Clear-SandboxRequestLog $sb
        $out = @(Import-Csv -LiteralPath $csv | New-SecuCustomer)
        $out.Count | Should -Be 2
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST).Count | Should -Be 2
        $one = Get-SandboxCustomer $sb -Id $out[0].Id
        $one.contact.surname | Should -Be 'PsOne'
        $one.contact.address.city | Should -Be 'Berlin'
        $one.contact.address.postal_code | Should -Be '01067'
        $one.contact.dob | Should -Be '1980-01-31T00:00:00+00:00'
        $two = Get-SandboxCustomer $sb -Id $out[1].Id
        $two.contact.surname | Should -Be 'PsTwo'
        $two.contact.address.city | Should -Be 'Dresden'
        $two.contact.email | Should -Be 'two@example.com'
    }

    It 'binds the API''s own snake_case names as CSV headers' {
        $csv = Join-Path $TestDrive 'api-names.csv'
        Set-Content -LiteralPath $csv -Value @(
            'forename,surname,companyname,dob,url_website,street,street_number,postal_code,city,country,additional_address_data'
            'Api,Names,Example Inc.,1991-02-03,www.example.com,Example Street,6a,01234,Examplecity,DE,c/o Doe'
        )
        $out = @(Import-Csv -LiteralPath $csv | New-SecuCustomer)
        $out.Count | Should -Be 1
        $raw = Get-SandboxCustomer $sb -Id $out[0].Id
        $raw.contact.companyname | Should -Be 'Example Inc.'
        $raw.contact.dob | Should -Be '1991-02-03T00:00:00+00:00'
        $raw.contact.url_website | Should -Be 'www.example.com'
        $raw.contact.address.street_number | Should -Be '6a'
        $raw.contact.address.postal_code | Should -Be '01234'
        $raw.contact.address.country | Should -Be 'DE'
        $raw.contact.address.additional_address_data | Should -Be 'c/o Doe'
    }

    It 'does not carry a field of one row into the next row that lacks it' {
        $out = @(
            [pscustomobject]@{ Forename = 'Row'; Surname = 'One'; City = 'Berlin'; Email = 'row1@example.com' }
            [pscustomobject]@{ Forename = 'Row'; Surname = 'Two' }
        ) | New-SecuCustomer
        @($out).Count | Should -Be 2
        $two = Get-SandboxCustomer $sb -Id $out[1].Id
        $two.contact.surname | Should -Be 'Two'
        $two.contact.PSObject.Properties.Name | Should -Not -Contain 'email'
        $two.contact.PSObject.Properties.Name | Should -Not -Contain 'address'
    }
}

Describe 'Set-SecuCustomer from the pipeline' {
    BeforeEach {
        $script:c = New-SandboxCustomer $sb $fullContact
    }

    It 'Get | Set -Email changes the email and nothing else' {
        $before = Get-ContactJson $sb $c.id -Except email
        $out = @(Get-SecuCustomer -Id $c.id | Set-SecuCustomer -Email 'new@example.com')
        $out.Count | Should -Be 0
        $raw = Get-SandboxCustomer $sb -Id $c.id
        $raw.contact.email | Should -Be 'new@example.com'
        Get-ContactJson $sb $c.id -Except email | Should -Be $before
        $raw.updated | Should -Not -BeNullOrEmpty
    }

    It 'saves an object edited in place' {
        $before = Get-ContactJson $sb $c.id -Except 'address.city'
        $obj = Get-SecuCustomer -Id $c.id
        $obj.City = 'Berlin'
        $obj | Set-SecuCustomer
        (Get-SandboxCustomer $sb -Id $c.id).contact.address.city | Should -Be 'Berlin'
        Get-ContactJson $sb $c.id -Except 'address.city' | Should -Be $before
    }

    It 'merges each record on its own: a value of one record never reaches the next' {
        $other = New-SandboxCustomer $sb @{ forename = 'Other'; surname = 'Person'; email = 'other@example.com'; address = @{ city = 'Hamburg' } }
        @(
            [pscustomobject]@{ Id = $c.id; City = 'Munich' }
            [pscustomobject]@{ Id = $other.id; Email = 'changed@example.com' }
        ) | Set-SecuCustomer
        $first = Get-SandboxCustomer $sb -Id $c.id
        $first.contact.address.city | Should -Be 'Munich'
        $first.contact.email | Should -Be 'ada@example.com'
        $second = Get-SandboxCustomer $sb -Id $other.id
        $second.contact.email | Should -Be 'changed@example.com'
        $second.contact.address.city | Should -Be 'Hamburg'
    }

    It 'clears a field given as an empty string and keeps one given as $null' {
        $before = Get-ContactJson $sb $c.id -Except 'address.city', 'email'
        [pscustomobject]@{ Id = $c.id; City = ''; Email = $null } | Set-SecuCustomer
        $raw = Get-SandboxCustomer $sb -Id $c.id
        $raw.contact.address.PSObject.Properties.Name | Should -Not -Contain 'city'
        $raw.contact.email | Should -Be 'ada@example.com'
        Get-ContactJson $sb $c.id -Except 'address.city', 'email' | Should -Be $before
    }

    It 'clears with an empty -Title and keeps a $null -Email given as parameters' {
        Set-SecuCustomer -Id $c.id -Title '' -Email $null
        $raw = Get-SandboxCustomer $sb -Id $c.id
        $raw.contact.PSObject.Properties.Name | Should -Not -Contain 'title'
        $raw.contact.email | Should -Be 'ada@example.com'
    }

    It 'clears the fields named in -Clear and keeps the rest' {
        $before = Get-ContactJson $sb $c.id -Except 'email', 'address.city', 'phone'
        Set-SecuCustomer -Id $c.id -Clear Email, City, Phone
        $raw = Get-SandboxCustomer $sb -Id $c.id
        $raw.contact.PSObject.Properties.Name | Should -Not -Contain 'email'
        $raw.contact.PSObject.Properties.Name | Should -Not -Contain 'phone'
        $raw.contact.address.PSObject.Properties.Name | Should -Not -Contain 'city'
        Get-ContactJson $sb $c.id -Except 'email', 'address.city', 'phone' | Should -Be $before
    }

    It 'does not bind Name, Created or Contact of a piped object' {
        $before = Get-ContactJson $sb $c.id
        $r = Invoke-Captured { [pscustomobject]@{ Id = $c.id; Name = 'Someone Else'; Created = '2001-01-01'; Contact = @{ forename = 'Changed' } } | Set-SecuCustomer }
        # Only read-only properties: nothing to change, and it says so.
        $r.Errors.FullyQualifiedErrorId | Should -Be 'NoCustomerFields,SecuConnect.Commands.SetSecuCustomerCommand'
        $r.Errors[0].Exception.Message | Should -Match 'Its Name, Created, Contact are set by the API.*-Forename and -Surname'
        Get-ContactJson $sb $c.id | Should -Be $before
    }
}

Describe 'Export-Csv then Import-Csv | Set-SecuCustomer under <Label>' -ForEach $Cultures {
    It 'round-trips every field and applies an edited cell' {
        $c = New-SandboxCustomer $sb $fullContact
        $null = Set-SecuCustomer -Id $c.id -Title 'Dr.'
        $before = Get-ContactJson $sb $c.id -Except 'address.city'
        $csv = Join-Path $TestDrive "roundtrip-$Culture.csv"
        Clear-SandboxRequestLog $sb
        Invoke-InCulture $Culture {
            Get-SecuCustomer -Id $c.id | Export-Csv -LiteralPath $csv -NoTypeInformation
            Import-Csv -LiteralPath $csv | ForEach-Object { $_.City = 'Leipzig'; $_ } | Set-SecuCustomer -ErrorAction Stop
        }
        $raw = Get-SandboxCustomer $sb -Id $c.id
        $raw.contact.address.city | Should -Be 'Leipzig'
        $raw.contact.dob | Should -Be '1815-12-10T00:00:00+00:00'
        Get-ContactJson $sb $c.id -Except 'address.city' | Should -Be $before
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers/*' -Method PUT | Where-Object status -EQ 200).Count | Should -Be 1
    }

    It 'keeps a customer unchanged when the CSV is imported as exported, empty cells included' {
        $c = New-SandboxCustomer $sb @{ forename = 'Sparse'; surname = 'Record'; dob = '1901-02-03'; address = @{ city = 'Bonn' } }
        $before = Get-ContactJson $sb $c.id
        $csv = Join-Path $TestDrive "sparse-$Culture.csv"
        Invoke-InCulture $Culture {
            Get-SecuCustomer -Id $c.id | Export-Csv -LiteralPath $csv -NoTypeInformation
            Import-Csv -LiteralPath $csv | Set-SecuCustomer -ErrorAction Stop
        }
        Get-ContactJson $sb $c.id | Should -Be $before
    }
}

Describe 'Get | Remove and -PassThru' {
    It 'Get -Id a,b | Remove-SecuCustomer -Confirm:$false removes both' {
        $a = New-SandboxCustomer $sb @{ forename = 'Remove'; surname = 'A' }
        $b = New-SandboxCustomer $sb @{ forename = 'Remove'; surname = 'B' }
        $keep = New-SandboxCustomer $sb @{ forename = 'Keep'; surname = 'C' }
        $out = @(Get-SecuCustomer -Id $a.id, $b.id | Remove-SecuCustomer -Confirm:$false)
        $out.Count | Should -Be 0
        Get-SandboxCustomer $sb -Id $a.id | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $b.id | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $keep.id | Should -Not -BeNullOrEmpty
    }

    It 'binds ids from the pipeline by value' {
        $a = New-SandboxCustomer $sb @{ forename = 'ById'; surname = 'Value' }
        $got = @($a.id | Get-SecuCustomer)
        $got.Count | Should -Be 1
        $got[0].Surname | Should -Be 'Value'
        $a.id | Remove-SecuCustomer -Confirm:$false
        Get-SandboxCustomer $sb -Id $a.id | Should -BeNullOrEmpty
    }

    It 'binds Id by property name from any object' {
        $a = New-SandboxCustomer $sb @{ forename = 'ByName'; surname = 'One' }
        $b = New-SandboxCustomer $sb @{ forename = 'ByName'; surname = 'Two' }
        # Raw API records carry a lower-case "id", which binds -Id as well.
        $got = @($a, $b | Get-SecuCustomer)
        $got.Surname | Should -Be 'One', 'Two'
        [pscustomobject]@{ Id = $a.id; Note = 'extra' } | Remove-SecuCustomer -Confirm:$false
        Get-SandboxCustomer $sb -Id $a.id | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $b.id | Should -Not -BeNullOrEmpty
    }

    It 'Set -PassThru writes the updated customer; without it nothing' {
        $a = New-SandboxCustomer $sb @{ forename = 'Pass'; surname = 'Thru' }
        @(Set-SecuCustomer -Id $a.id -City Berlin).Count | Should -Be 0
        $out = @(Set-SecuCustomer -Id $a.id -City Potsdam -PassThru)
        $out.Count | Should -Be 1
        $out[0].PSObject.TypeNames[0] | Should -Be 'SecuConnect.Customer'
        $out[0].City | Should -Be 'Potsdam'
        $out[0].Updated | Should -Not -BeNullOrEmpty
    }

    It 'Remove -PassThru writes the deleted customer' {
        $a = New-SandboxCustomer $sb @{ forename = 'Deleted'; surname = 'Echo' }
        $out = @(Remove-SecuCustomer -Id $a.id -Confirm:$false -PassThru)
        $out.Count | Should -Be 1
        $out[0].PSObject.TypeNames[0] | Should -Be 'SecuConnect.Customer'
        $out[0].Id | Should -Be $a.id
        $out[0].Surname | Should -Be 'Echo'
        Get-SandboxCustomer $sb -Id $a.id | Should -BeNullOrEmpty
    }
}
