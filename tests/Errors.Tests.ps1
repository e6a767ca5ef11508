# Error records: FullyQualifiedErrorId, category, TargetObject, ErrorDetails with the supportId; per-item failures.

BeforeDiscovery {
    $script:ByIdCommands = @(
        @{ Command = 'Get-SecuCustomer'; Class = 'GetSecuCustomerCommand'; Extra = @{} }
        @{ Command = 'Set-SecuCustomer'; Class = 'SetSecuCustomerCommand'; Extra = @{ City = 'Nowhere' } }
        @{ Command = 'Remove-SecuCustomer'; Class = 'RemoveSecuCustomerCommand'; Extra = @{ Confirm = $false } }
    )
    $script:BadIds = @(
        @{ Case = 'too short'; BadId = 'PCU_123' }
        @{ Case = 'lower case'; BadId = 'PCU_' + ('a' * 30) }
        @{ Case = 'wrong prefix'; BadId = 'PCR_' + ('A' * 30) }
        @{ Case = 'too long'; BadId = 'PCU_' + ('B' * 31) }
    )
    $script:IdCases = foreach ($c in $script:ByIdCommands) { foreach ($b in $script:BadIds) { $c + $b } }
    $script:ServerRejects = @(
        @{ Field = 'Email'; Value = 'not-an-email'; Wire = 'email' }
        @{ Field = 'Country'; Value = 'Poland'; Wire = 'country' }
    )
    $script:AllCommands = @(
        @{ Command = 'Get-SecuCustomer'; Class = 'GetSecuCustomerCommand'; Params = @{ Id = 'PCU_' + ('Z' * 30) } }
        @{ Command = 'New-SecuCustomer'; Class = 'NewSecuCustomerCommand'; Params = @{ Forename = 'Not'; Surname = 'Connected' } }
        @{ Command = 'Set-SecuCustomer'; Class = 'SetSecuCustomerCommand'; Params = @{ Id = 'PCU_' + ('Z' * 30); City = 'X' } }
        @{ Command = 'Remove-SecuCustomer'; Class = 'RemoveSecuCustomerCommand'; Params = @{ Id = 'PCU_' + ('Z' * 30); Confirm = $false } }
        @{ Command = 'Invoke-SecuConnectRequest'; Class = 'InvokeSecuConnectRequestCommand'; Params = @{ Method = 'Get'; Path = 'Payment/Customers' } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
    # A well-formed id the sandbox has never issued.
    $script:missing = 'PCU_' + ('Q' * 30)
    $script:supportIdPattern = '[0-9a-f]{32}'
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'ProductNotFoundException' {
    It '<Command> of an unknown id writes a non-terminating ObjectNotFound error' -ForEach $ByIdCommands {
        $p = $Extra.Clone()
        $p.Id = $missing
        $r = Invoke-Captured { & $Command @p; 'after' }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output | Should -Contain 'after'
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be "ProductNotFoundException,SecuConnect.Commands.$Class"
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-TargetId $e.TargetObject | Should -Be $missing
        $e.ErrorDetails.Message | Should -Match $supportIdPattern
        "$($e.Exception.Message) $($e.ErrorDetails.Message)" | Should -Match ([regex]::Escape($missing))
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Other 403 answers' {
    BeforeAll { Add-SandboxFault $sb -Status 403 -PathPrefix '/api/v2/Payment/Customers' }
    AfterAll { Clear-SandboxFault $sb }

    # The ErrorId is the API's own exception name; an injected 403 carries the name the live API uses for 403.
    It 'reports a by-id call as not found or not accessible (ObjectNotFound)' {
        $r = Invoke-Captured { Get-SecuCustomer -Id $missing }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ProductNotAllowedException,SecuConnect.Commands.GetSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($r.Errors[0].Exception.Message) $($r.Errors[0].ErrorDetails.Message)" | Should -Match 'not accessible'
        Get-TargetId $r.Errors[0].TargetObject | Should -Be $missing
    }

    It 'reports a listing as PermissionDenied' {
        $r = Invoke-Captured { Get-SecuCustomer -First 1 }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $r.Errors[0].ErrorDetails.Message | Should -Match $supportIdPattern
    }
}

Describe 'InvalidCustomerId' {
    It '<Command> rejects an id that is <Case> before sending anything' -ForEach $IdCases {
        Clear-SandboxRequestLog $sb
        $p = $Extra.Clone()
        $p.Id = $BadId
        $r = Invoke-Captured { & $Command @p }
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be "InvalidCustomerId,SecuConnect.Commands.$Class"
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-TargetId $e.TargetObject | Should -Be $BadId
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*').Count | Should -Be 0
    }
}

Describe 'InvalidDateOfBirth' {
    It 'Set-SecuCustomer rejects an unparseable -DateOfBirth before sending anything' {
        $c = New-SandboxCustomer $sb @{ forename = 'Date'; surname = 'Check'; dob = '1901-02-03' }
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured { Set-SecuCustomer -Id $c.id -DateOfBirth 'the third of February' }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidDateOfBirth,SecuConnect.Commands.SetSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers*' | Where-Object method -NE 'GET').Count | Should -Be 0
        (Get-SandboxCustomer $sb -Id $c.id).contact.dob | Should -Be '1901-02-03T00:00:00+00:00'
    }
}

Describe 'ProductFormatException from the server' {
    It 'New-SecuCustomer sends -<Field> <Value> and reports the 400 naming the field' -ForEach $ServerRejects {
        Clear-SandboxRequestLog $sb
        $row = [pscustomobject]@{ Forename = 'Bad'; Surname = 'Input'; $Field = $Value }
        $r = Invoke-Captured { $row | New-SecuCustomer }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be 'ProductFormatException,SecuConnect.Commands.NewSecuCustomerCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        $e.TargetObject | Should -Not -BeNullOrEmpty
        "$($e.Exception.Message) $($e.ErrorDetails.Message)" | Should -Match $Wire
        $e.ErrorDetails.Message | Should -Match $supportIdPattern
        $post = @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers' -Method POST)
        $post.Count | Should -Be 1
        $post[0].status | Should -Be 400
    }

    It 'Set-SecuCustomer reports the 400 with the customer as target and changes nothing' {
        $c = New-SandboxCustomer $sb @{ forename = 'Good'; surname = 'Email'; email = 'good@example.com' }
        $r = Invoke-Captured { Set-SecuCustomer -Id $c.id -Email 'broken' }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ProductFormatException,SecuConnect.Commands.SetSecuCustomerCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Get-TargetId $r.Errors[0].TargetObject | Should -Be $c.id
        (Get-SandboxCustomer $sb -Id $c.id).contact.email | Should -Be 'good@example.com'
    }
}

Describe 'Failures per item' {
    It 'one failed id in a Get pipeline does not stop the others' {
        $a = New-SandboxCustomer $sb @{ forename = 'First'; surname = 'Item' }
        $b = New-SandboxCustomer $sb @{ forename = 'Third'; surname = 'Item' }
        $out = @($a.id, $missing, $b.id | Get-SecuCustomer -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be $a.id, $b.id
        @($errs).Count | Should -Be 1
        Get-TargetId $errs[0].TargetObject | Should -Be $missing
    }

    It 'one failed item in a Remove pipeline does not stop the others' {
        $a = New-SandboxCustomer $sb @{ forename = 'Remove'; surname = 'One' }
        $b = New-SandboxCustomer $sb @{ forename = 'Remove'; surname = 'Two' }
        $a.id, 'PCU_bad', $missing, $b.id | Remove-SecuCustomer -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-SandboxCustomer $sb -Id $a.id | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $b.id | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 2
        @($errs.FullyQualifiedErrorId) | Should -Be 'InvalidCustomerId,SecuConnect.Commands.RemoveSecuCustomerCommand', 'ProductNotFoundException,SecuConnect.Commands.RemoveSecuCustomerCommand'
    }

    It 'one rejected row of an import does not stop the others' {
        $rows = @(
            [pscustomobject]@{ Forename = 'Row'; Surname = 'Good1' }
            [pscustomobject]@{ Forename = 'Row'; Surname = 'Bad'; Email = 'broken' }
            [pscustomobject]@{ Forename = 'Row'; Surname = 'Good2' }
        )
        $out = @($rows | New-SecuCustomer -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Surname | Should -Be 'Good1', 'Good2'
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ProductFormatException,SecuConnect.Commands.NewSecuCustomerCommand'
    }

    It '-ErrorAction Stop makes a per-item error catchable' {
        $reached = $false
        $caught = $null
        try {
            Get-SecuCustomer -Id $missing -ErrorAction Stop
            $reached = $true
        } catch { $caught = $_ }
        $reached | Should -BeFalse
        $caught.FullyQualifiedErrorId | Should -Be 'ProductNotFoundException,SecuConnect.Commands.GetSecuCustomerCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'invalid_client' {
    It 'Connect-SecuConnect with a wrong secret is a terminating invalid_client AuthenticationError' {
        $bad = [pscredential]::new($sb.ClientId, (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $r = Invoke-Captured { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $bad; 'after' }
        $r.Output | Should -Not -Contain 'after'
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'invalid_client,SecuConnect.Commands.ConnectSecuConnectCommand'
        $r.Terminating.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }
}

Describe 'NotConnected' {
    BeforeAll { try { Disconnect-SecuConnect } catch { } }
    AfterAll { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }

    It '<Command> without a connection stops with NotConnected naming Connect-SecuConnect' -ForEach $AllCommands {
        Clear-SandboxRequestLog $sb
        $p = $Params.Clone()
        $r = Invoke-Captured { & $Command @p; 'after' }
        $r.Output | Should -Not -Contain 'after'
        $r.Terminating.FullyQualifiedErrorId | Should -Be "NotConnected,SecuConnect.Commands.$Class"
        $r.Terminating.CategoryInfo.Category | Should -Be 'ConnectionError'
        "$($r.Terminating.Exception.Message) $($r.Terminating.ErrorDetails.Message)" | Should -Match 'Connect-SecuConnect'
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }
}

Describe 'Arguments refused before anything is sent' {
    # A refused Connect-SecuConnect may leave no default connection: each case starts connected.
    BeforeEach { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }

    It '<Case> is <Id> (<Category>)' -ForEach @(
        @{ Case = 'a -Credential with an empty password'; Id = 'InvalidCredential'; Category = 'InvalidArgument'; Class = 'ConnectSecuConnectCommand'
           Run = { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential ([pscredential]::new('client', [securestring]::new())) } }
        @{ Case = 'an empty -AccessToken'; Id = 'InvalidAccessToken'; Category = 'InvalidArgument'; Class = 'ConnectSecuConnectCommand'
           Run = { Connect-SecuConnect -BaseUri $sb.BaseUri -AccessToken ([securestring]::new()) } }
        @{ Case = 'a -BaseUri that is not http or https'; Id = 'InvalidBaseUri'; Category = 'InvalidArgument'; Class = 'ConnectSecuConnectCommand'
           Run = { Connect-SecuConnect -BaseUri 'ftp://127.0.0.1:21' -Credential $sb.Credential } }
        @{ Case = 'an unknown field name in -Clear'; Id = 'InvalidClearField'; Category = 'InvalidArgument'; Class = 'SetSecuCustomerCommand'
           Run = { Set-SecuCustomer -Id $missing -Clear Bogus } }
        @{ Case = 'a field both given and cleared'; Id = 'ConflictingFieldValue'; Category = 'InvalidArgument'; Class = 'SetSecuCustomerCommand'
           Run = { Set-SecuCustomer -Id $missing -City Paris -Clear City } }
    ) {
        Clear-SandboxRequestLog $sb
        $r = Invoke-Captured $Run
        $r.Terminating.FullyQualifiedErrorId | Should -Be "$Id,SecuConnect.Commands.$Class"
        $r.Terminating.CategoryInfo.Category | Should -Be $Category
        @(Get-SandboxRequestLog $sb).Count | Should -Be 0
    }
}

Describe 'OutFileWriteFailed' {
    BeforeAll { Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential }

    It 'Invoke-SecuConnectRequest -OutFile reports a file it cannot write as OutFileWriteFailed (WriteError), naming -OutFile' {
        # A file name longer than any file system allows, in a folder that exists: the request succeeds, the write fails.
        $file = Join-Path $TestDrive ('x' * 300)
        $r = Invoke-Captured { Invoke-SecuConnectRequest Get Payment/Customers -OutFile $file }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'OutFileWriteFailed,SecuConnect.Commands.InvokeSecuConnectRequestCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'WriteError'
        $r.Errors[0].TargetObject | Should -Be $file
    }
}
