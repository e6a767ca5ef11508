# Finding customers: output names in -Filter, -Sort and -Property, filter values encoded as the API decodes them,
# unknown names refused before sending, and completion of the names.

BeforeDiscovery {
    # Values that URL encoding could confuse: each must find exactly its own customer.
    $script:HostileValues = @(
        @{ Field = 'Email'; Wire = 'email'; Value = 'plus+tag@example.com' }
        @{ Field = 'Email'; Wire = 'email'; Value = 'percent%41@example.com' }
        @{ Field = 'Forename'; Wire = 'forename'; Value = 'Jean+Luc' }
        @{ Field = 'Forename'; Wire = 'forename'; Value = '"Mary Ann"' }
        @{ Field = 'CompanyName'; Wire = 'companyname'; Value = 'Rate:100%' }
        @{ Field = 'City'; Wire = 'address.city'; Value = 'Zürich' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    $script:made = @(
        New-SecuCustomer -Forename Filter -Surname Charlie -City Berlin -Email 'charlie@example.com'
        New-SecuCustomer -Forename Filter -Surname Alpha -City Berlin -Email 'alpha@example.com'
        New-SecuCustomer -Forename Filter -Surname Bravo -City Hamburg -Email 'bravo@example.com'
    )
    # Look-alikes of the hostile values, which a wrong encoding would find instead of (or beside) the real one.
    foreach ($c in @(
            @{ email = 'percentA@example.com' }, @{ forename = 'Jean Luc' }, @{ forename = 'Mary+Ann' }
            @{ companyname = 'Rate 100' }, @{ address = @{ city = 'Zurich' } })) {
        $null = New-SandboxCustomer $sb $c
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Output names in -Filter, -Sort and -Property' {
    It 'filters with the output''s names and sends the API''s paths' {
        Clear-SandboxRequestLog $sb
        $found = @(Get-SecuCustomer -Filter 'City:Berlin AND Forename:Filter')
        @($found.Surname | Sort-Object) | Should -Be 'Alpha', 'Charlie'
        (Get-SandboxListRequest $sb)[0].query | Should -Match 'contact.address.city'
    }

    It 'passes every spelling of an operator: <Filter>' -ForEach @(
        @{ Filter = 'Forename:Filter AND (City:Hamburg or Surname:Alpha)'; Expected = 'Alpha', 'Bravo' }
        @{ Filter = 'Forename:Filter && (City:Hamburg || Surname:Alpha)'; Expected = 'Alpha', 'Bravo' }
        @{ Filter = 'Forename:Filter !City:Berlin'; Expected = , 'Bravo' }
        @{ Filter = 'Forename:Filter -City:Hamburg'; Expected = 'Alpha', 'Charlie' }
        @{ Filter = 'Forename:Filter AND City:(Hamburg OR Nowhere)'; Expected = , 'Bravo' }
    ) {
        @(Get-SecuCustomer -Filter $Filter -Sort Surname).Surname | Should -Be $Expected
    }

    It 'sorts by an output name, ascending unless told otherwise' {
        @(Get-SecuCustomer -Filter 'Forename:Filter' -Sort Surname).Surname | Should -Be 'Alpha', 'Bravo', 'Charlie'
        @(Get-SecuCustomer -Filter 'Forename:Filter' -Sort 'Surname:desc').Surname | Should -Be 'Charlie', 'Bravo', 'Alpha'
        @(Get-SecuCustomer -Filter 'Forename:Filter' -Sort 'City:desc,Surname').Surname | Should -Be 'Bravo', 'Alpha', 'Charlie'
    }

    It 'fetches output names with -Property' {
        $p = @(Get-SecuCustomer -Filter 'Forename:Filter' -Sort Surname -Property City, Email)
        $p[0].PSObject.Properties.Name | Should -Be 'Id', 'City', 'Email'
        $p[0].City | Should -Be 'Berlin'
        $p[0].Email | Should -Be 'alpha@example.com'
    }

    It 'refuses <Case> before sending anything, naming the known names' -ForEach @(
        @{ Case = 'an unknown filter name'; Script = { Get-SecuCustomer -Filter 'Bogus:1' }; ErrorId = 'InvalidFilter' }
        @{ Case = 'a value with a space but no quotes'; Script = { Get-SecuCustomer -Filter 'City:New York' }; ErrorId = 'InvalidFilter' }
        @{ Case = 'an unknown sort name'; Script = { Get-SecuCustomer -Sort 'bogus:asc' }; ErrorId = 'InvalidSort' }
        @{ Case = 'an unknown sort order'; Script = { Get-SecuCustomer -Sort 'Surname:up' }; ErrorId = 'InvalidSort' }
        @{ Case = 'an unknown property'; Script = { Get-SecuCustomer -Property 'Bogus' }; ErrorId = 'InvalidProperty' }
    ) {
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured $Script
        $r.Terminating | Should -Not -BeNullOrEmpty
        $r.Terminating.FullyQualifiedErrorId | Should -Be "$ErrorId,SecuConnect.Commands.GetSecuCustomerCommand"
        $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
        if ($Case -notlike '*order*') { $r.Terminating.Exception.Message | Should -Match 'City' }
        Get-SandboxRequestLog $sb -Path '*/Customers*' | Should -BeNullOrEmpty
    }

    It 'passes a lower-case dotted API path through, so fields the module does not model stay reachable' {
        Set-SandboxExtraField $sb -Contact @{ ident_service_ids = 'ID-77' }
        try {
            $c = New-SecuCustomer -Forename Dotted
            @(Get-SecuCustomer -Filter 'contact.ident_service_ids:ID-77').Id | Should -Contain $c.Id
        } finally { Clear-SandboxExtraField $sb }
    }
}

Describe 'Filter values with characters URL encoding could confuse' {
    It 'finds exactly the customer whose <Field> is <Value>' -ForEach $HostileValues {
        $stored = $Value.Trim('"')
        $contact = if ($Wire -like 'address.*') { @{ address = @{ $Wire.Substring(8) = $stored } } } else { @{ $Wire = $stored } }
        $target = New-SandboxCustomer $sb $contact
        $found = @(Get-SecuCustomer -Filter "$($Field):$Value")
        $found.Id | Should -Be $target.id
    }

    It 'treats an escaped wildcard as the character itself' {
        $star = New-SandboxCustomer $sb @{ forename = 'Star*' }
        $null = New-SandboxCustomer $sb @{ forename = 'Starlet' }
        @(Get-SecuCustomer -Filter 'Forename:Star\*').Id | Should -Be $star.id
        @(Get-SecuCustomer -Filter 'Forename:Star*').Count | Should -Be 2
    }
}

Describe 'Completion of names' {
    It 'completes <Line>' -ForEach @(
        @{ Line = 'Get-SecuCustomer -Sort Sur'; Expected = 'Surname', 'Surname:desc' }
        @{ Line = "Get-SecuCustomer -Sort 'Surname,Cit"; Expected = 'Surname,City', 'Surname,City:desc' }
        @{ Line = 'Get-SecuCustomer -Property Ema'; Expected = 'Email' }
        @{ Line = "Get-SecuCustomer -Filter 'Cit"; Expected = 'City:' }
    ) {
        $matches = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | ForEach-Object { $_.Trim("'") }
        foreach ($e in $Expected) { $matches | Should -Contain $e }
    }
}
