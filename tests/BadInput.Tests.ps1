# Bad input across every cmdlet: what the module can know for certain is refused before any request, what only the
# server decides comes back as a clear 400, and hostile but valid strings are stored exactly as given.

BeforeDiscovery {
    # Refused before sending: the error id (a regex: the module's own or PowerShell's binding error) and the name the
    # message must mention.
    $script:Refused = @(
        @{ Case = 'Get -Id too short'; Script = { Get-SecuCustomer -Id 'PCU_123' }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Get -Id empty'; Script = { Get-SecuCustomer -Id '' }; ErrorId = '^(InvalidCustomerId|ParameterArgumentValidationError)'; Names = 'Id' }
        @{ Case = 'Get -Id $null'; Script = { Get-SecuCustomer -Id $null }; ErrorId = '^(InvalidCustomerId|ParameterArgumentValidationError)'; Names = 'Id' }
        @{ Case = 'Get -Id with a space inside'; Script = { Get-SecuCustomer -Id "PCU_$($A30.Substring(1)) A" }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Get -Id with unicode'; Script = { Get-SecuCustomer -Id ('PCU_' + ('A' * 29) + 'É') }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Get -Id with a path'; Script = { Get-SecuCustomer -Id "PCU_$A30/../../oauth/token" }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Get -Id with a query'; Script = { Get-SecuCustomer -Id "PCU_$A30?count=1" }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Get -Id with a newline inside'; Script = { Get-SecuCustomer -Id "PCU_$A30`nA" }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Get -Id of whitespace only'; Script = { Get-SecuCustomer -Id '   ' }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'piped id in lower case'; Script = { 'pcu_' + $A30.ToLower() | Get-SecuCustomer }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Set -Id with quotes'; Script = { Set-SecuCustomer -Id "PCU_'; DROP TABLE customers;--" -City X }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Set -Id empty'; Script = { Set-SecuCustomer -Id '' -City X }; ErrorId = '^(InvalidCustomerId|ParameterArgumentValidationError)'; Names = 'Id' }
        @{ Case = 'Remove -Id wrong prefix'; Script = { Remove-SecuCustomer -Id "MRC_$A30" -Confirm:$false }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Remove -Id $null'; Script = { Remove-SecuCustomer -Id $null -Confirm:$false }; ErrorId = '^(InvalidCustomerId|ParameterArgumentValidationError)'; Names = 'Id' }
        @{ Case = 'Set of an object without Id'; Script = { [pscustomobject]@{ City = 'Nowhere' } | Set-SecuCustomer }; ErrorId = '.'; Names = 'Id' }
        @{ Case = 'Remove of an object without Id'; Script = { [pscustomobject]@{ Name = 'Nobody' } | Remove-SecuCustomer -Confirm:$false }; ErrorId = '.'; Names = 'Id' }
        @{ Case = 'Set of an object with a bad Id'; Script = { [pscustomobject]@{ Id = 'PCU_1'; City = 'X' } | Set-SecuCustomer }; ErrorId = '^InvalidCustomerId,'; Names = 'Id' }
        @{ Case = 'Set -Clear $null'; Script = { Set-SecuCustomer -Id $valid -Clear $null }; ErrorId = '.'; Names = 'Clear' }
        @{ Case = 'Set -Clear empty'; Script = { Set-SecuCustomer -Id $valid -Clear '' }; ErrorId = '.'; Names = 'Clear' }
        @{ Case = 'Set -Clear an unknown field'; Script = { Set-SecuCustomer -Id $valid -Clear Bogus }; ErrorId = '.'; Names = 'Bogus' }
        @{ Case = 'Set -Clear Id'; Script = { Set-SecuCustomer -Id $valid -Clear Id }; ErrorId = '.'; Names = 'Id' }
        @{ Case = 'New -Contact $null'; Script = { New-SecuCustomer -Contact $null }; ErrorId = '.'; Names = 'Contact' }
        @{ Case = 'New -DateOfBirth month 13'; Script = { New-SecuCustomer -Forename X -DateOfBirth '2001-13-01' }; ErrorId = '^InvalidDateOfBirth,'; Names = 'DateOfBirth' }
        @{ Case = 'New -DateOfBirth 29 February of 1901'; Script = { New-SecuCustomer -Forename X -DateOfBirth '1901-02-29' }; ErrorId = '^InvalidDateOfBirth,'; Names = 'DateOfBirth' }
        @{ Case = 'New -DateOfBirth a number'; Script = { New-SecuCustomer -Forename X -DateOfBirth 12345 }; ErrorId = '^InvalidDateOfBirth,'; Names = 'DateOfBirth' }
        @{ Case = 'New -DateOfBirth after today (a Thai Buddhist year)'; Script = { New-SecuCustomer -Forename X -DateOfBirth '31.12.2513' }; ErrorId = '^InvalidDateOfBirth,'; Names = '2513-12-31.*after today' }
        @{ Case = 'New -DateOfBirth tomorrow as a [datetime]'; Script = { New-SecuCustomer -Forename X -DateOfBirth ([datetime]::Today.AddDays(1)) }; ErrorId = '^InvalidDateOfBirth,'; Names = 'after today' }
        @{ Case = 'piped dob after today'; Script = { [pscustomobject]@{ Forename = 'X'; DateOfBirth = '2999-01-01' } | New-SecuCustomer }; ErrorId = '^InvalidDateOfBirth,'; Names = 'after today' }
        @{ Case = 'New -Contact with a dob after today'; Script = { New-SecuCustomer -Contact @{ forename = 'X'; dob = '2999-01-01' } }; ErrorId = '^InvalidContact,'; Names = 'after today' }
        @{ Case = 'New -DateOfBirth a word'; Script = { New-SecuCustomer -Forename X -DateOfBirth 'tomorrow' }; ErrorId = '^InvalidDateOfBirth,'; Names = 'DateOfBirth' }
        @{ Case = 'piped dob that is no date'; Script = { [pscustomobject]@{ Forename = 'X'; dob = '31/31/2000' } | New-SecuCustomer }; ErrorId = '^InvalidDateOfBirth,'; Names = 'DateOfBirth' }
        @{ Case = 'Set -DateOfBirth no date'; Script = { Set-SecuCustomer -Id $valid -DateOfBirth '00.00.0000' }; ErrorId = '^InvalidDateOfBirth,'; Names = 'DateOfBirth' }
        @{ Case = 'Get -PageSize 0'; Script = { Get-SecuCustomer -PageSize 0 }; ErrorId = '^ParameterArgumentValidationError'; Names = 'PageSize' }
        @{ Case = 'Get -PageSize 1001'; Script = { Get-SecuCustomer -PageSize 1001 }; ErrorId = '^ParameterArgumentValidationError'; Names = 'PageSize' }
        @{ Case = 'Get -PageSize text'; Script = { Get-SecuCustomer -PageSize 'many' }; ErrorId = '^(ParameterArgument|CannotConvertArgument)'; Names = 'PageSize' }
        @{ Case = 'Connect -Environment unknown'; Script = { Connect-SecuConnect -Environment Staging -Credential $sb.Credential }; ErrorId = '^(ParameterArgument|CannotConvertArgument)'; Names = 'Environment' }
    )
    # Sent, refused by the server with 400: the field the message must name.
    $script:ServerSide = @(
        @{ Case = 'New -Email without a dot'; Script = { New-SecuCustomer -Forename X -Email 'a@b' }; Field = 'email'; Class = 'NewSecuCustomerCommand' }
        @{ Case = 'New -Email with a space'; Script = { New-SecuCustomer -Forename X -Email 'a b@c.de' }; Field = 'email'; Class = 'NewSecuCustomerCommand' }
        @{ Case = 'New -Country of three letters'; Script = { New-SecuCustomer -Forename X -Country 'DEU' }; Field = 'country'; Class = 'NewSecuCustomerCommand' }
        @{ Case = 'New -Country with a digit'; Script = { New-SecuCustomer -Forename X -Country 'D1' }; Field = 'country'; Class = 'NewSecuCustomerCommand' }
        @{ Case = 'New -Forename of 256 characters'; Script = { New-SecuCustomer -Forename ('x' * 256) }; Field = 'forename'; Class = 'NewSecuCustomerCommand' }
        @{ Case = 'New -City of 256 characters'; Script = { New-SecuCustomer -Forename X -City ('x' * 256) }; Field = 'city'; Class = 'NewSecuCustomerCommand' }
        @{ Case = 'Set -Country as a name'; Script = { Set-SecuCustomer -Id $valid -Country 'Germany' }; Field = 'country'; Class = 'SetSecuCustomerCommand' }
        @{ Case = 'Set -Surname of 300 characters'; Script = { Set-SecuCustomer -Id $valid -Surname ('y' * 300) }; Field = 'surname'; Class = 'SetSecuCustomerCommand' }
        @{ Case = 'Get -Filter with a syntax error'; Script = { Get-SecuCustomer -Filter 'contact.surname:(' }; Field = 'q|query|syntax'; Class = 'GetSecuCustomerCommand' }
        @{ Case = 'Get -Filter with an unclosed group'; Script = { Get-SecuCustomer -Filter 'City:(Berlin OR Bonn' }; Field = 'q|query|syntax'; Class = 'GetSecuCustomerCommand' }
    )
    $script:Hostile = @(
        @{ Case = 'quotes'; Param = 'Surname'; Value = "O'Brien `"The Quote`" \ `$(Get-Date)" }
        @{ Case = 'line breaks'; Param = 'AdditionalAddressData'; Value = "Line one`nLine two`r`n  Indented" }
        @{ Case = 'unicode'; Param = 'City'; Value = 'Łódź 東京 Zürich 🚀' }
        @{ Case = 'markup'; Param = 'CompanyName'; Value = '<script>alert(1)</script> & Co' }
        @{ Case = 'query syntax'; Param = 'Forename'; Value = 'a:b AND (c OR d) * ?' }
        @{ Case = 'exactly 255 characters'; Param = 'AdditionalAddressData'; Value = 'z' * 255 }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    $script:validRecord = New-SandboxCustomer $sb @{ forename = 'Stays'; surname = 'Unchanged'; email = 'stays@example.com'; address = @{ city = 'Kassel'; country = 'DE' } }
    $script:valid = $validRecord.id
    # The cases above build their ids from this when they run.
    $script:A30 = 'A' * 30
    function Get-StoreSnapshot { (Get-SandboxCustomer $sb | ConvertTo-Json -Depth 6 -Compress) }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Refused before any request' {
    It '<Case>' -ForEach $Refused {
        $before = Get-StoreSnapshot
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured $Script
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -BeGreaterThan 0
        $r.Errors[0].FullyQualifiedErrorId | Should -Match $ErrorId
        "$($r.Errors[0].Exception.Message) $($r.Errors[0].ErrorDetails.Message)" | Should -Match $Names
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
        Get-StoreSnapshot | Should -Be $before
    }
}

Describe 'Refused by the server with a clear error' {
    It '<Case>' -ForEach $ServerSide {
        $before = Get-StoreSnapshot
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured $Script
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be "ProductFormatException,SecuConnect.Commands.$Class"
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        "$($e.Exception.Message) $($e.ErrorDetails.Message)" | Should -Match $Field
        @(Get-SandboxRequestLog $sb | Where-Object status -EQ 400).Count | Should -Be 1
        Get-StoreSnapshot | Should -Be $before
    }
}

Describe 'Hostile but valid strings' {
    It 'stores -<Param> with <Case> exactly and reads it back' -ForEach $Hostile {
        $p = @{ $Param = $Value }
        $c = New-SecuCustomer @p
        $c.$Param | Should -BeExactly $Value
        (Get-SecuCustomer -Id $c.Id).$Param | Should -BeExactly $Value
        Set-SecuCustomer -Id $c.Id -Title 'Dr.'
        (Get-SecuCustomer -Id $c.Id).$Param | Should -BeExactly $Value
    }

    It 'finds a surname with quotes through -Filter' {
        $c = New-SecuCustomer -Forename Filter -Surname "D'Arcy"
        $found = @(Get-SecuCustomer -Filter "contact.surname:`"D'Arcy`"")
        $found.Id | Should -Contain $c.Id
    }
}
