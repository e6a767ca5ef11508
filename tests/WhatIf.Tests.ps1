# -WhatIf, -Confirm and -Force, proven by the sandbox's request log.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function Get-ChangingRequest($Sandbox) {
        @(Get-SandboxRequestLog $Sandbox -Path '*/Payment/Customers*') | Where-Object method -NE 'GET'
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe '-WhatIf sends no changing request' {
    BeforeEach {
        $script:c = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; email = 'ada@example.com' }
        Clear-SandboxRequestLog $sb
    }

    It 'New-SecuCustomer -WhatIf sends no POST and writes nothing' {
        $count = @(Get-SandboxCustomer $sb).Count
        $r = Invoke-RecordingHost $sb { New-SecuCustomer -Forename What -Surname If -WhatIf }
        $r.Output.Count | Should -Be 0
        @($r.Lines -like 'What if: Create customer What If*').Count | Should -Be 1
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
        @(Get-SandboxCustomer $sb).Count | Should -Be $count
    }

    It 'Set-SecuCustomer -WhatIf sends no PUT and changes nothing' {
        $r = Invoke-RecordingHost $sb { param($Id) Set-SecuCustomer -Id $Id -Email 'changed@example.com' -WhatIf } -ArgumentList $c.id
        @($r.Lines -like 'What if: Update customer*').Count | Should -Be 1
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $c.id).contact.email | Should -Be 'ada@example.com'
    }

    It 'Get | Set -WhatIf sends no PUT' {
        $r = Invoke-RecordingHost $sb { param($Id) Get-SecuCustomer -Id $Id | Set-SecuCustomer -Email 'changed@example.com' -WhatIf } -ArgumentList $c.id
        @($r.Lines -like 'What if: Update customer*').Count | Should -Be 1
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
        (Get-SandboxCustomer $sb -Id $c.id).contact.email | Should -Be 'ada@example.com'
    }

    It 'Remove-SecuCustomer -WhatIf sends no DELETE' {
        $r = Invoke-RecordingHost $sb { param($Id) Get-SecuCustomer -Id $Id | Remove-SecuCustomer -WhatIf } -ArgumentList $c.id
        $r.Output.Count | Should -Be 0
        @($r.Lines -like 'What if:*Remove customer*').Count | Should -Be 1
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
        (Get-SecuCustomer -Id $c.id).Id | Should -Be $c.id
    }

    It 'Remove -Force -WhatIf sends no DELETE: -Force never overrides -WhatIf' {
        $r = Invoke-RecordingHost $sb { param($Id) Remove-SecuCustomer -Id $Id -Force -WhatIf } -ArgumentList $c.id
        @($r.Lines -like 'What if:*Remove customer*').Count | Should -Be 1
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $c.id | Should -Not -BeNullOrEmpty
    }

    It 'Remove -Force under $WhatIfPreference sends no DELETE' {
        $r = Invoke-RecordingHost $sb { param($Id) $WhatIfPreference = $true; Remove-SecuCustomer -Id $Id -Force } -ArgumentList $c.id
        @($r.Lines -like 'What if:*Remove customer*').Count | Should -Be 1
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
        Get-SandboxCustomer $sb -Id $c.id | Should -Not -BeNullOrEmpty
    }

    It 'names the customer by id and name in the -WhatIf messages of Set and Remove' {
        $r = Invoke-RecordingHost $sb {
            param($Id)
            Get-SecuCustomer -Id $Id | Remove-SecuCustomer -WhatIf
            Set-SecuCustomer -Id $Id -City Paris -WhatIf
        } -ArgumentList $c.id
        $target = [regex]::Escape("$($c.id) (Ada Lovelace")
        @($r.Lines | Where-Object { $_ -match "^What if: .*$target" }).Count | Should -Be 2
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
    }
}

Describe '-Force and -Confirm' {
    BeforeEach {
        $script:c = New-SandboxCustomer $sb @{ forename = 'Grace'; surname = 'Hopper' }
        Clear-SandboxRequestLog $sb
    }

    It 'Remove -Force deletes without asking' {
        Remove-SecuCustomer -Id $c.id -Force
        $del = @(Get-ChangingRequest $sb)
        $del.Count | Should -Be 1
        $del[0].method | Should -Be 'DELETE'
        Get-SandboxCustomer $sb -Id $c.id | Should -BeNullOrEmpty
    }

    It 'Remove -Confirm:$false deletes' {
        Remove-SecuCustomer -Id $c.id -Confirm:$false
        Get-SandboxCustomer $sb -Id $c.id | Should -BeNullOrEmpty
    }

    It 'Set (Medium) and New (Low) do not ask under the default $ConfirmPreference' {
        $ConfirmPreference | Should -Be 'High'
        Set-SecuCustomer -Id $c.id -City Arlington
        $n = New-SecuCustomer -Forename No -Surname Prompt
        (Get-SandboxCustomer $sb -Id $c.id).contact.address.city | Should -Be 'Arlington'
        Get-SandboxCustomer $sb -Id $n.Id | Should -Not -BeNullOrEmpty
    }
}

Describe '-WhatIf and -Confirm show the change' {
    BeforeAll {
        $script:shown = New-SandboxCustomer $sb @{ forename = 'Ada'; surname = 'Lovelace'; email = 'ada@example.com'; address = @{ city = 'London' } }
    }
    BeforeEach { Clear-SandboxRequestLog $sb }

    It 'Set-SecuCustomer -WhatIf shows each changed field with its current and new value, in one block' {
        $r = Invoke-RecordingHost $sb { param($Id) Set-SecuCustomer -Id $Id -City Paris -Email '' -Title Dr -WhatIf } -ArgumentList $shown.id
        $r.Errors | Should -BeNullOrEmpty
        $block = @($r.Lines | Where-Object { $_ -like 'What if:*' })
        $block.Count | Should -Be 1
        $block[0] | Should -Match ([regex]::Escape("$($shown.id) (Ada Lovelace)"))
        $block[0] | Should -Match "Title: \(empty\) -> 'Dr'"
        $block[0] | Should -Match "Email: 'ada@example.com' -> \(empty\)"
        $block[0] | Should -Match "City: 'London' -> 'Paris'"
        $block[0] | Should -Not -Match 'Forename'
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
    }

    It 'Set-SecuCustomer -Confirm shows the same change in the prompt, and No sends nothing' {
        $r = Invoke-RecordingHost $sb { param($Id) Set-SecuCustomer -Id $Id -City Rome -Confirm } -ArgumentList $shown.id -Decline 'Rome'
        $r.Prompts.Count | Should -Be 1
        $r.Prompts[0] | Should -Match "City: 'London' -> 'Rome'"
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
    }

    It 'New-SecuCustomer -WhatIf shows the fields it would send' {
        $r = Invoke-RecordingHost $sb { New-SecuCustomer -Forename Grace -Surname Hopper -City Arlington -DateOfBirth 1906-12-09 -WhatIf }
        $block = @($r.Lines | Where-Object { $_ -like 'What if:*' })
        $block.Count | Should -Be 1
        $block[0] | Should -Match 'Create customer Grace Hopper'
        $block[0] | Should -Match "Forename: 'Grace'"
        $block[0] | Should -Match "City: 'Arlington'"
        $block[0] | Should -Match "DateOfBirth: '1906-12-09'"
        $block[0] | Should -Not -Match 'Email'
        Get-ChangingRequest $sb | Should -BeNullOrEmpty
    }
}
