# Answers whose modelled fields come in shapes the module does not expect (an object or array where text belongs, a
# number in a text field, a contract as plain text, a created that is no time), as older and newer API versions may
# send them: the read succeeds, the values show as text, one warning per run names each path, and an update that does
# not touch such a field sends it back exactly as it came.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    $script:PhoneJson = '{"mobile":"+49 170 1","home":"+49 30 2"}'
    $script:DobJson = '{"date":"1970-04-03 00:00:00.000000","timezone_type":3,"timezone":"UTC"}'
    $script:OddShapes = [ordered]@{
        'contact.phone'        = [ordered]@{ mobile = '+49 170 1'; home = '+49 30 2' }
        'contact.address.city' = @('Berlin', 'Mitte')
        'contact.surname'      = 42
        # How PHP serializes a DateTime.
        'contact.dob'          = [ordered]@{ date = '1970-04-03 00:00:00.000000'; timezone_type = 3; timezone = 'UTC' }
        'contract'             = 'GCR_OLDSTYLE'
        'created'              = 'yesterday'
        'updated'              = 'yesterday'
    }
    # The paths the module models as text (or a time, or a reference) that the sandbox answers in another shape.
    $script:OddPaths = @($OddShapes.Keys)

    function New-OddCustomer([string] $Email = 'odd@example.com') {
        $raw = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; email = $Email; phone = '+49301'; address = @{ city = 'London'; country = 'GB' } }
        $raw.id
    }
    # What the writes to one customer sent at the overridden paths, as the sandbox's request log keeps them.
    function Get-SentShapes([string] $Id) {
        @(Get-SandboxRequestLog $sb -Path "/api/v2/Payment/Customers/$Id" -Method PUT) | ForEach-Object { $_.shapes }
    }
    function Get-ShapeWarnings($Warnings) { @($Warnings | Where-Object { "$_" -like 'The API answered *' }) }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Reading modelled fields that come in another shape' {
    BeforeEach {
        Reset-Sandbox $sb
        $script:id = New-OddCustomer
        Set-SandboxShape $sb -Customers $OddShapes
    }

    It 'reads the customer and shows each value as text (objects and arrays as their JSON, numbers as digits)' {
        $c = Get-SecuCustomer -Id $id -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        $c.Id | Should -Be $id
        $c.Phone | Should -BeExactly $PhoneJson
        $c.City | Should -BeExactly '["Berlin","Mitte"]'
        $c.Surname | Should -BeExactly '42'
        $c.DateOfBirth | Should -BeExactly $DobJson
        $c.ContractId | Should -BeExactly 'GCR_OLDSTYLE'
        $c.Created | Should -BeOfType [string]
        $c.Created | Should -BeExactly 'yesterday'
        $c.Updated | Should -BeExactly 'yesterday'
        # The raw contact keeps the API's own shapes.
        $c.Contact.phone.mobile | Should -BeExactly '+49 170 1'
        $c.Contact.address.city | Should -Be @('Berlin', 'Mitte')
        $c.Contact.surname | Should -Be 42
        $c.Contact.surname | Should -Not -BeOfType [string]
    }

    It 'warns once per run for each path, naming the path and the shape but never the value' {
        $null = New-OddCustomer 'second@example.com'
        $null = New-OddCustomer 'third@example.com'
        $all = Get-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue
        @($all).Count | Should -Be 3
        $shapeWarnings = Get-ShapeWarnings $warned
        $shapeWarnings.Count | Should -Be $OddPaths.Count
        foreach ($path in $OddPaths) {
            @($shapeWarnings | Where-Object { "$_" -like "The API answered $path of customers as *" }).Count | Should -Be 1 -Because $path
        }
        "$shapeWarnings" | Should -Match 'contact\.phone of customers as an object'
        "$shapeWarnings" | Should -Match 'contact\.address\.city of customers as an array'
        "$shapeWarnings" | Should -Match 'contact\.surname of customers as a number'
        "$shapeWarnings" | Should -Match 'contact\.dob of customers as an object'
        "$shapeWarnings" | Should -Match 'contract of customers as text'
        "$shapeWarnings" | Should -Match 'created of customers as text that is not a time'
        "$shapeWarnings" | Should -Not -Match 'Berlin|Mitte|\+49|42|GCR_OLDSTYLE|yesterday|1970|UTC'
    }

    It 'Get | Set of another field succeeds and sends the odd fields back exactly as they came' {
        Get-SecuCustomer -Id $id -WarningAction SilentlyContinue | Set-SecuCustomer -Email 'new@example.com' -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        (Get-ShapeWarnings $warned).Count | Should -Be $OddPaths.Count
        $sent = @(Get-SentShapes $id)
        $sent.Count | Should -Be 1
        $sent[0].'contact.phone' | Should -BeExactly $PhoneJson
        $sent[0].'contact.address.city' | Should -BeExactly '["Berlin","Mitte"]'
        $sent[0].'contact.surname' | Should -BeExactly '42'
        $sent[0].'contact.dob' | Should -BeExactly $DobJson
        (Get-SandboxCustomer $sb -Id $id).contact.email | Should -Be 'new@example.com'
    }

    It 'Export-Csv | Import-Csv | Set-SecuCustomer keeps the odd fields in their shapes (no conflict over an updated that is no time)' {
        $csv = Join-Path $TestDrive 'odd.csv'
        Get-SecuCustomer -Id $id -WarningAction SilentlyContinue | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        $rows[0].Phone | Should -BeExactly $PhoneJson
        $rows[0].Email = 'csv@example.com'

        $rows | Set-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        @($warned | Where-Object { "$_" -notlike 'The API answered *' }) | Should -BeNullOrEmpty
        $sent = @(Get-SentShapes $id)
        $sent.Count | Should -Be 1
        $sent[0].'contact.phone' | Should -BeExactly $PhoneJson
        $sent[0].'contact.address.city' | Should -BeExactly '["Berlin","Mitte"]'
        $sent[0].'contact.surname' | Should -BeExactly '42'
        $sent[0].'contact.dob' | Should -BeExactly $DobJson
        (Get-SandboxCustomer $sb -Id $id).contact.email | Should -Be 'csv@example.com'
    }

    It 'Export-Clixml | Import-Clixml | Set-SecuCustomer keeps the odd fields in their shapes' {
        $xml = Join-Path $TestDrive 'odd.xml'
        Get-SecuCustomer -Id $id -WarningAction SilentlyContinue | Export-Clixml -LiteralPath $xml
        $back = Import-Clixml -LiteralPath $xml
        $back.Email = 'xml@example.com'

        $back | Set-SecuCustomer -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        @($warned | Where-Object { "$_" -notlike 'The API answered *' }) | Should -BeNullOrEmpty
        $sent = @(Get-SentShapes $id)
        $sent.Count | Should -Be 1
        $sent[0].'contact.phone' | Should -BeExactly $PhoneJson
        $sent[0].'contact.address.city' | Should -BeExactly '["Berlin","Mitte"]'
        $sent[0].'contact.surname' | Should -BeExactly '42'
        $sent[0].'contact.dob' | Should -BeExactly $DobJson
    }

    It 'sends what the user sets for an odd field as text, the modelled type' {
        Set-SecuCustomer -Id $id -Phone '+49 30 999' -City 'Hamburg' -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        $sent = @(Get-SentShapes $id)
        $sent.Count | Should -Be 1
        $sent[0].'contact.phone' | Should -BeExactly '"+49 30 999"'
        $sent[0].'contact.address.city' | Should -BeExactly '"Hamburg"'
        $sent[0].'contact.surname' | Should -BeExactly '42'
        # The sandbox answers the overridden shapes; with the control off, it shows what it stored from the text sent.
        Clear-SandboxShape $sb
        (Get-SandboxCustomer $sb -Id $id).contact.phone | Should -Be '+4930999'
        (Get-SandboxCustomer $sb -Id $id).contact.address.city | Should -Be 'Hamburg'
    }

    It 'reads an address sent as text, sends it back as it came, and replaces it with an address object when the user sets a field' {
        Set-SandboxShape $sb -Customers @{ 'contact.address' = 'Main St 1, 10115 Berlin' }
        $c = Get-SecuCustomer -Id $id -WarningVariable warned -WarningAction SilentlyContinue
        $c.Contact.address | Should -BeExactly 'Main St 1, 10115 Berlin'
        $c.City | Should -BeNullOrEmpty
        @(Get-ShapeWarnings $warned) | Should -HaveCount 1
        "$warned" | Should -Match 'contact\.address of customers as text, where the module expects an object'

        $c | Set-SecuCustomer -Email 'address@example.com' -WarningAction SilentlyContinue -ErrorVariable failed
        Set-SecuCustomer -Id $id -City 'Hamburg' -WarningAction SilentlyContinue -ErrorVariable +failed

        $failed | Should -BeNullOrEmpty
        $sent = @(Get-SentShapes $id)
        $sent.Count | Should -Be 2
        $sent[0].'contact.address' | Should -BeExactly '"Main St 1, 10115 Berlin"'
        $sent[1].'contact.address' | Should -BeExactly '{"city":"Hamburg"}'
    }

    It 'refuses JSON text as DateOfBirth when the stored date of birth is not that value, sending no change' {
        $csv = Join-Path $TestDrive 'dob.csv'
        Get-SecuCustomer -Id $id -WarningAction SilentlyContinue | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        $rows[0].DateOfBirth = '{"date":"1980-01-01"}'

        $rows | Set-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDateOfBirth,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].Exception.Message | Should -Not -Match '1980'
        @(Get-SandboxRequestLog $sb -Method PUT) | Should -BeNullOrEmpty
    }

    It 'reports a row whose Updated no longer matches a server stamp that is no time as a conflict, sending nothing' {
        $csv = Join-Path $TestDrive 'stale.csv'
        Get-SecuCustomer -Id $id -WarningAction SilentlyContinue | Export-Csv -LiteralPath $csv -NoTypeInformation
        # Someone changes the customer: the server's stamp (still no time) changes with it.
        $changed = [ordered]@{} + $OddShapes
        $changed['updated'] = 'today'
        Set-SandboxShape $sb -Customers $changed
        Clear-SandboxRequestLog $sb

        Import-Csv -LiteralPath $csv | ForEach-Object { $_.Email = 'stale@example.com'; $_ } |
            Set-SecuCustomer -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ConcurrentChange,*'
        @(Get-SandboxRequestLog $sb -Method PUT) | Should -BeNullOrEmpty
    }
}

Describe 'Reading payment containers whose modelled members come in another shape' {
    BeforeAll {
        $script:OwnerJson = '{"name":"Ada","title":"Dr"}'
        $script:ContainerShapes = [ordered]@{
            'private.owner'   = [ordered]@{ name = 'Ada'; title = 'Dr' }
            'private.purpose' = 42
            'public.iban'     = 7
            'mandate'         = 'MNDT-1'
            'contract'        = 'GCR_OLDSTYLE'
            'created'         = 'yesterday'
            'updated'         = 'yesterday'
        }
        $script:ContainerPaths = @($ContainerShapes.Keys)
        function Get-StoredContainer([string] $Id) { Clear-SandboxShape $sb; Invoke-SandboxApi $sb GET "/Payment/Containers/$Id" }
        function Get-SentContainerShapes([string] $Id) {
            @(Get-SandboxRequestLog $sb -Path "/api/v2/Payment/Containers/$Id" -Method PUT) | ForEach-Object { $_.shapes }
        }
    }

    BeforeEach {
        Reset-Sandbox $sb
        $script:cid = (Invoke-SandboxApi $sb POST '/Payment/Containers' -Body @{ type = 'bank_account'; private = @{ iban = 'DE89370400440532013000'; owner = 'Ada Lovelace'; purpose = 'Rent' } }).id
        Set-SandboxShape $sb -Containers $ContainerShapes
    }

    It 'reads the container and shows each value as text (objects as their JSON, numbers as digits, a time that is none as its text)' {
        $c = Get-SecuPaymentContainer -Id $cid -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        $c.Id | Should -Be $cid
        $c.Owner | Should -BeExactly $OwnerJson
        $c.Purpose | Should -BeExactly '42'
        $c.Iban | Should -BeExactly 'DE89370400440532013000'
        $c.MandateId | Should -BeExactly 'MNDT-1'
        $c.ContractId | Should -BeExactly 'GCR_OLDSTYLE'
        $c.Created | Should -BeOfType [string]
        $c.Created | Should -BeExactly 'yesterday'
        $c.Updated | Should -BeExactly 'yesterday'
    }

    It 'warns once per run for each path, naming the path and the shape but never the value' {
        $null = Invoke-SandboxApi $sb POST '/Payment/Containers' -Body @{ type = 'bank_account'; private = @{ iban = 'DE89370400440532013000'; owner = 'Grace Hopper' } }
        $all = Get-SecuPaymentContainer -WarningVariable warned -WarningAction SilentlyContinue
        @($all).Count | Should -Be 2
        $shapeWarnings = Get-ShapeWarnings $warned
        $shapeWarnings.Count | Should -Be $ContainerPaths.Count
        foreach ($path in $ContainerPaths) {
            @($shapeWarnings | Where-Object { "$_" -like "The API answered $path of payment containers as *" }).Count | Should -Be 1 -Because $path
        }
        "$shapeWarnings" | Should -Match 'private\.owner of payment containers as an object, where the module expects text'
        "$shapeWarnings" | Should -Match 'public\.iban of payment containers as a number'
        "$shapeWarnings" | Should -Match 'mandate of payment containers as text, where the module expects an object'
        "$shapeWarnings" | Should -Match 'updated of payment containers as text that is not a time'
        "$shapeWarnings" | Should -Not -Match 'Ada|Dr|42|MNDT|GCR_OLDSTYLE|yesterday|DE89'
    }

    It 'Get | Set -Owner sends the owner as text and the other odd members back exactly as they came' {
        Get-SecuPaymentContainer -Id $cid -WarningAction SilentlyContinue |
            Set-SecuPaymentContainer -Owner 'Grace Hopper' -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        @(Get-ShapeWarnings $warned) | Should -Not -BeNullOrEmpty
        $sent = @(Get-SentContainerShapes $cid)
        $sent.Count | Should -Be 1
        $sent[0].'private.owner' | Should -BeExactly '"Grace Hopper"'
        $sent[0].'private.purpose' | Should -BeExactly '42'
    }

    It 'Export-Clixml | Import-Clixml | Set-SecuPaymentContainer keeps the odd members in their shapes (no conflict over an updated that is no time)' {
        $xml = Join-Path $TestDrive 'odd-container.xml'
        Get-SecuPaymentContainer -Id $cid -WarningAction SilentlyContinue | Export-Clixml -LiteralPath $xml
        $back = Import-Clixml -LiteralPath $xml
        $back.Updated | Should -BeExactly 'yesterday'
        $back.Owner | Should -BeExactly $OwnerJson
        $back.Purpose = 'Rent, from May'

        $back | Set-SecuPaymentContainer -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        @(Get-ShapeWarnings $warned) | Should -Not -BeNullOrEmpty
        @($warned | Where-Object { "$_" -notlike 'The API answered *' }) | Should -BeNullOrEmpty
        $sent = @(Get-SentContainerShapes $cid)
        $sent.Count | Should -Be 1
        $sent[0].'private.owner' | Should -BeExactly $OwnerJson
        $sent[0].'private.purpose' | Should -BeExactly '"Rent, from May"'
        $stored = Get-StoredContainer $cid
        $stored.private.purpose | Should -Be 'Rent, from May'
        $stored.private.owner | Should -Be 'Ada Lovelace'
    }
}
