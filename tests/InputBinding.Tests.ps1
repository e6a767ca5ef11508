# How a piped record's properties become field values of New- and Set-SecuCustomer: which of several columns for one
# field wins, properties of every kind (script, alias, code, .NET), values that are not strings, command-line values,
# unreadable properties and the unused-column warning. The expectations were taken from the module while PowerShell's
# binder still bound the field parameters by property name, so they prove records bind as they did; two describe what
# the binder did not do: a script property under another spelling, and a getter that throws (it stopped the pipeline).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    if (-not ('SecuConnectBindingTestRow' -as [type])) {
        Add-Type -TypeDefinition @'
public class SecuConnectBindingTestRow
{
    public string Surname { get; set; }
    public string City { get; set; }
    public static object CodeTitle(System.Management.Automation.PSObject o) { return "Code title"; }
}
public class SecuConnectBindingThrowingRow
{
    public string Surname { get { return "Thrower"; } }
    public string Forename { get { throw new System.InvalidOperationException("the source is offline"); } }
}
'@ -ReferencedAssemblies ([psobject].Assembly.Location)
    }

    # Creates a customer from each record and returns the stored contacts, in order.
    function New-FromRecord {
        param([Parameter(Mandatory, Position = 0)] [object[]] $Record, [hashtable] $Parameters = @{})
        $out = @($Record | New-SecuCustomer @Parameters)
        foreach ($o in $out) { (Get-SandboxCustomer $sb -Id $o.Id).contact }
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Several columns for one field' {
    It 'the column named as the parameter wins over an alias before it' {
        (New-FromRecord ([pscustomobject]@{ FirstName = 'Alias'; Forename = 'Param'; Surname = 'S' })).forename | Should -Be 'Param'
    }

    It 'the first alias in declared order wins over a later alias and another spelling before them' {
        (New-FromRecord ([pscustomobject]@{ 'First Name' = 'Other'; GivenName = 'Alias2'; FirstName = 'Alias1'; Surname = 'S' })).forename |
            Should -Be 'Alias1'
    }

    It 'the parameter name wins over the API''s snake_case name; the API''s name, the first alias, over a later alias' {
        (New-FromRecord ([pscustomobject]@{ postal_code = '111'; PostalCode = '222'; Surname = 'S' })).address.postal_code | Should -Be '222'
        (New-FromRecord ([pscustomobject]@{ Zip = '333'; postal_code = '111'; Surname = 'S' })).address.postal_code | Should -Be '111'
    }

    It 'an alias wins over another spelling before it' {
        (New-FromRecord ([pscustomobject]@{ 'Postal Code' = '444'; Zip = '333'; Surname = 'S' })).address.postal_code | Should -Be '333'
    }

    It 'names match without regard to case' {
        (New-FromRecord ([pscustomobject]@{ 'first_name' = 'Other'; FIRSTNAME = 'Upper'; Surname = 'S' })).forename | Should -Be 'Upper'
    }

    It 'a $null in the best-named column leaves the field to the first column in record order that has a value' {
        (New-FromRecord ([pscustomobject]@{ Forename = $null; GivenName = 'G'; FirstName = 'F'; Surname = 'S' })).forename | Should -Be 'G'
    }

    It 'an empty best-named column wins on Set and clears the field' {
        $c = New-SandboxCustomer $sb @{ forename = 'Old'; surname = 'Kept' }
        [pscustomobject]@{ Id = $c.id; FirstName = 'New'; Forename = '' } | Set-SecuCustomer
        $raw = (Get-SandboxCustomer $sb -Id $c.id).contact
        $raw.PSObject.Properties.Name | Should -Not -Contain 'forename'
        $raw.surname | Should -Be 'Kept'
    }

    It 'a hashtable''s first key with a value wins, whatever its name' {
        (New-FromRecord ([ordered]@{ FirstName = 'Alias'; Forename = 'Param'; Surname = 'S' })).forename | Should -Be 'Alias'
    }
}

Describe 'Properties that are not note properties' {
    It 'reads a ScriptProperty, AliasProperty and CodeProperty added to a [pscustomobject]' {
        $row = [pscustomobject]@{ Surname = 'Members'; Town = 'Bonn' }
        $row | Add-Member ScriptProperty Email { 'script@example.com' }
        $row | Add-Member AliasProperty City Town
        $row | Add-Member CodeProperty Title ([SecuConnectBindingTestRow].GetMethod('CodeTitle'))
        $contact = New-FromRecord $row
        $contact.email | Should -Be 'script@example.com'
        $contact.address.city | Should -Be 'Bonn'
        $contact.title | Should -Be 'Code title'
    }

    It 'reads a ScriptProperty named in another spelling' {
        $row = [pscustomobject]@{ Surname = 'Spelled' }
        $row | Add-Member ScriptProperty 'E-Mail' { 'spelled@example.com' }
        (New-FromRecord $row).email | Should -Be 'spelled@example.com'
    }

    It 'reads a ScriptProperty added to a hashtable beside its keys' {
        $row = @{ Surname = 'Keyed' }
        $row | Add-Member ScriptProperty Email { 'keyed@example.com' }
        $contact = New-FromRecord $row
        $contact.surname | Should -Be 'Keyed'
        $contact.email | Should -Be 'keyed@example.com'
    }

    It 'reads a property that a [pscustomobject]''s type name brings from type data' {
        Update-TypeData -TypeName 'SecuConnect.BindingTest.Row' -MemberType ScriptProperty -MemberName Email -Value { 'typed@example.com' } -Force
        $contact = New-FromRecord ([pscustomobject]@{ PSTypeName = 'SecuConnect.BindingTest.Row'; Surname = 'Typed' })
        $contact.surname | Should -Be 'Typed'
        $contact.email | Should -Be 'typed@example.com'
    }

    It 'reads the plain properties of a .NET object' {
        $contact = New-FromRecord ([SecuConnectBindingTestRow]@{ Surname = 'Net'; City = 'Bonn' })
        $contact.surname | Should -Be 'Net'
        $contact.address.city | Should -Be 'Bonn'
    }

    It 'a property whose getter throws fails that record with an error naming the property; the other records are sent' {
        $bad = [pscustomobject]@{ Surname = 'Broken' }
        $bad | Add-Member ScriptProperty Email { throw 'the directory is offline' }
        $good = [pscustomobject]@{ Surname = 'Fine' }
        Clear-SandboxRequestLog $sb
        $out = @($bad, $good, [SecuConnectBindingThrowingRow]::new() | New-SecuCustomer -ErrorVariable e -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Surname | Should -Be 'Fine'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST).Count | Should -Be 1
        $e.Count | Should -Be 2
        $e[0].FullyQualifiedErrorId | Should -Be 'UnreadableProperty,SecuConnect.Commands.NewSecuCustomerCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ReadError'
        $e[0].TargetObject | Should -Be $bad
        $e[0].Exception.Message | Should -BeLike "*'Email'*the directory is offline*"
        $e[1].FullyQualifiedErrorId | Should -Be 'UnreadableProperty,SecuConnect.Commands.NewSecuCustomerCommand'
        $e[1].Exception.Message | Should -BeLike "*'Forename'*the source is offline*"
    }

    It 'on Set, a property whose getter throws fails that record before any request' {
        $c = New-SandboxCustomer $sb @{ surname = 'Kept'; email = 'kept@example.com' }
        $bad = [pscustomobject]@{ Id = $c.id }
        $bad | Add-Member ScriptProperty Email { throw 'the directory is offline' }
        Clear-SandboxRequestLog $sb
        $bad | Set-SecuCustomer -ErrorVariable e -ErrorAction SilentlyContinue
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*').Count | Should -Be 0
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'UnreadableProperty,SecuConnect.Commands.SetSecuCustomerCommand'
        $e[0].TargetObject | Should -Be $bad
        (Get-SandboxCustomer $sb -Id $c.id).contact.email | Should -Be 'kept@example.com'
    }
}

Describe 'Values that are not strings' {
    It 'a number in a parameter-named column reads as PowerShell converts it; in another spelling, as .NET writes it' {
        $contact = New-FromRecord ([pscustomobject]@{ Surname = (1 / 3); Fax = [int64]::MaxValue; City = [single]1.1; Street = 1e20; Title = 42 })
        $contact.surname | Should -Be '0.333333333333333'
        $contact.fax | Should -Be '9223372036854775807'
        $contact.address.city | Should -Be '1.1'
        $contact.address.street | Should -Be '1E+20'
        $contact.title | Should -Be '42'
        (New-FromRecord ([pscustomobject]@{ 'Sur Name' = (1 / 3) })).surname | Should -Be '0.3333333333333333'
    }

    It 'dates: text fields take the invariant text, DateOfBirth the date' {
        $contact = New-FromRecord ([pscustomobject]@{ Surname = [datetime]'1990-12-24'; Title = [datetimeoffset]'1990-12-24T00:00:00+02:00'; DateOfBirth = [datetime]'1990-12-24' })
        $contact.surname | Should -Be '12/24/1990 00:00:00'
        $contact.title | Should -Be '12/24/1990 00:00:00 +02:00'
        $contact.dob | Should -Be '1990-12-24T00:00:00+00:00'
        (New-FromRecord ([pscustomobject]@{ Surname = 'x'; DateOfBirth = 19901224 })).dob | Should -Be '1990-12-24T00:00:00+00:00'
    }

    It 'arrays, nested objects and booleans become their PowerShell text' {
        $contact = New-FromRecord ([pscustomobject]@{ Surname = @('a', 'b'); Title = [pscustomobject]@{ a = 1 }; Gender = $true; City = @('one') })
        $contact.surname | Should -Be 'a b'
        $contact.title | Should -Be '@{a=1}'
        $contact.gender | Should -Be 'True'
        $contact.address.city | Should -Be 'one'
    }

    It 'an array as DateOfBirth is InvalidDateOfBirth' {
        $out = @([pscustomobject]@{ Surname = 'x'; DateOfBirth = @('1990-12-24') } | New-SecuCustomer -ErrorVariable e -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $e[0].FullyQualifiedErrorId | Should -Be 'InvalidDateOfBirth,SecuConnect.Commands.NewSecuCustomerCommand'
    }

    It 'on Set, $null keeps a field; an empty string, an empty array and an array of one empty string clear it' {
        $c = New-SandboxCustomer $sb @{ surname = 'Kept'; title = 'T'; email = 'e@example.com'; phone = '+4930123'; fax = '030-1' }
        [pscustomobject]@{ Id = $c.id; Title = $null; Email = @(); Phone = ''; Fax = @('') } | Set-SecuCustomer
        $raw = (Get-SandboxCustomer $sb -Id $c.id).contact
        $raw.title | Should -Be 'T'
        $raw.PSObject.Properties.Name | Should -Not -Contain 'email'
        $raw.PSObject.Properties.Name | Should -Not -Contain 'phone'
        $raw.PSObject.Properties.Name | Should -Not -Contain 'fax'
    }
}

Describe 'Command-line values' {
    It 'apply to every record and win over its columns' {
        $contacts = @(New-FromRecord @(
                [pscustomobject]@{ Surname = 'Row1'; City = 'RowCity'; Town = 'RowTown' }
                [pscustomobject]@{ Forename = 'Row2' }
            ) -Parameters @{ City = 'Cmd' })
        $contacts.Count | Should -Be 2
        $contacts[0].surname | Should -Be 'Row1'
        $contacts[0].address.city | Should -Be 'Cmd'
        $contacts[1].forename | Should -Be 'Row2'
        $contacts[1].address.city | Should -Be 'Cmd'
    }
}

Describe 'The unused-column warning' {
    It 'names the note properties that match no field, not script properties' {
        $row = [pscustomobject]@{ Surname = 'Warned'; Shoe = '42' }
        $row | Add-Member ScriptProperty Computed { 'x' }
        $out = @($row | New-SecuCustomer -WarningVariable w -WarningAction SilentlyContinue)
        $out.Count | Should -Be 1
        @($w).Count | Should -Be 1
        "$($w[0])" | Should -BeLike "The input's property 'Shoe' matches no customer field and was ignored. Fields: Forename, Surname, *"
    }
}
