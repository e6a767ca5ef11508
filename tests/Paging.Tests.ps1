# Get-SecuCustomer listing: lazy pages, -First/-Skip/-IncludeTotalCount, -Filter/-Sort/-Property, Get | Remove.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    $script:sb = Start-SecuSandbox
    Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential

    function Get-ListQuery($Sandbox) {
        @(Get-SandboxListRequest $Sandbox) | ForEach-Object { [uri]::UnescapeDataString(("$($_.query)" -replace '\+', ' ')) }
    }
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
}

Describe 'Listing five customers' {
    BeforeAll {
        Reset-Sandbox $sb
        # Surnames in reverse alphabetical order of creation, so sorting is visible.
        $script:seeded = foreach ($n in 'Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha') {
            New-SandboxCustomer $sb @{ forename = 'Page'; surname = $n; address = @{ city = if ($n -in 'Echo', 'Charlie') { 'Berlin' } else { 'Bonn' } } }
        }
    }
    BeforeEach { Clear-SandboxRequestLog $sb }

    It '-PageSize 2 returns all five in creation order with three list requests' {
        $out = @(Get-SecuCustomer -PageSize 2)
        $out.Count | Should -Be 5
        $out.Id | Should -Be $seeded.id
        @(Get-SandboxListRequest $sb).Count | Should -Be 3
        @(Get-SandboxListRequest $sb | Where-Object status -NE 200).Count | Should -Be 0
    }

    It '-First 1 sends one request asking for one customer' {
        $out = @(Get-SecuCustomer -First 1)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $seeded[0].id
        $q = @(Get-ListQuery $sb)
        $q.Count | Should -Be 1
        $q[0] | Should -Match '(^|[?&])count=1(&|$)'
    }

    It '-Skip 2 -First 2 returns the third and fourth' {
        $out = @(Get-SecuCustomer -Skip 2 -First 2)
        $out.Id | Should -Be $seeded[2].id, $seeded[3].id
        $q = @(Get-ListQuery $sb)
        $q.Count | Should -Be 1
        $q[0] | Should -Match '(^|[?&])offset=2(&|$)'
        $q[0] | Should -Match '(^|[?&])count=2(&|$)'
    }

    It '-Skip 3 returns the rest after the first three' {
        $out = @(Get-SecuCustomer -Skip 3 -PageSize 2)
        $out.Id | Should -Be $seeded[3].id, $seeded[4].id
    }

    It '-IncludeTotalCount adds the total' {
        $out = @(Get-SecuCustomer -First 2 -IncludeTotalCount)
        $customers = @($out | Where-Object { $_.PSObject.TypeNames[0] -eq 'SecuConnect.Customer' })
        $customers.Count | Should -Be 2
        $total = @($out | Where-Object { $_.PSObject.TypeNames[0] -ne 'SecuConnect.Customer' })
        $total.Count | Should -Be 1
        [uint64]$total[0].PSObject.BaseObject | Should -Be 5
    }

    It 'Get-SecuCustomer -PageSize 2 | Select-Object -First 1 sends exactly one list request' {
        $out = @(Get-SecuCustomer -PageSize 2 | Select-Object -First 1)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $seeded[0].id
        @(Get-SandboxListRequest $sb).Count | Should -Be 1
    }

    It 'Get-SecuCustomer | Select-Object -First 3 with the default page size sends one list request' {
        $out = @(Get-SecuCustomer | Select-Object -First 3)
        $out.Id | Should -Be $seeded[0..2].id
        @(Get-SandboxListRequest $sb).Count | Should -Be 1
    }

    It '-Filter sends the q query and returns the matches' {
        $out = @(Get-SecuCustomer -Filter 'contact.address.city:Berlin' -PageSize 2)
        ($out.Surname | Sort-Object) | Should -Be 'Charlie', 'Echo'
        @(Get-ListQuery $sb)[0] | Should -Match '(^|[?&])q=contact\.address\.city:Berlin(&|$)'
    }

    It '-Sort orders by the given field' {
        $out = @(Get-SecuCustomer -Sort 'contact.surname:asc' -PageSize 2)
        $out.Surname | Should -Be 'Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'
        @(Get-ListQuery $sb)[0] | Should -Match '(^|[?&])sort=contact\.surname:asc(&|$)'
        $desc = @(Get-SecuCustomer -Sort 'contact.surname:desc' -First 2)
        $desc.Surname | Should -Be 'Echo', 'Delta'
    }

    It '-Property asks for those fields only' {
        $out = @(Get-SecuCustomer -Property contact.surname, contact.address.city -First 5)
        $out.Count | Should -Be 5
        $out.Surname | Should -Be $seeded.contact.surname
        $out[0].City | Should -Be 'Berlin'
        $out | ForEach-Object { $_.Forename | Should -BeNullOrEmpty }
        $out.Id | Should -Be $seeded.id
        $fields = (@(Get-ListQuery $sb)[0] -split '&' | Where-Object { $_ -like 'fields=*' -or $_ -like '?fields=*' }) -replace '^\??fields=', ''
        $fields -split ',' | Should -Contain 'contact.surname'
        $fields -split ',' | Should -Contain 'contact.address.city'
    }
}

Describe 'Get -Filter | Remove across several pages' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:doomed = foreach ($i in 1..5) { New-SandboxCustomer $sb @{ forename = "Gone$i"; surname = 'Doomed'; address = @{ city = 'Atlantis' } } }
        $script:kept = foreach ($i in 1..2) { New-SandboxCustomer $sb @{ forename = "Kept$i"; surname = 'Safe'; address = @{ city = 'Atlantis' } } }
        Clear-SandboxRequestLog $sb
    }

    It 'removes every match and nothing else' {
        Get-SecuCustomer -Filter 'contact.surname:Doomed' -PageSize 2 | Remove-SecuCustomer -Confirm:$false
        $left = @(Get-SandboxCustomer $sb)
        $left.Count | Should -Be 2
        ($left.id | Sort-Object) | Should -Be ($kept.id | Sort-Object)
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers/*' -Method DELETE | Where-Object status -EQ 200).Count | Should -Be 5
        @(Get-SandboxListRequest $sb).Count | Should -BeGreaterThan 1
    }
}

Describe 'Progress' {
    BeforeAll {
        Reset-Sandbox $sb
        foreach ($i in 1..101) { $null = New-SandboxCustomer $sb @{ forename = 'Progress'; surname = "P$i" } }
    }

    It 'reports progress over a long listing and completes it' {
        $conn = Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential -PassThru
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $conn) Import-Module $m; Get-SecuCustomer -PageSize 50 -Connection $conn }).
                AddArgument((Get-SecuModulePath)).AddArgument($conn)
            $out = $ps.Invoke()
            $out.Count | Should -Be 101
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 0
            foreach ($activity in $progress | Group-Object ActivityId) {
                $activity.Group[-1].RecordType | Should -Be 'Completed'
            }
        } finally { $ps.Dispose() }
    }
}

Describe 'A long listing' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:total = 6000
        1..$total | ForEach-Object { [pscustomobject]@{ Forename = 'Long'; Surname = "L$_" } } | New-SecuCustomer -ThrottleLimit 8 | Out-Null
        # The managed heap after a full collection, every 1,000 customers; -Keep holds on to every customer, as a
        # listing that buffered its results would.
        function Measure-ListingHeap([switch] $Keep) {
            $kept = [System.Collections.Generic.List[object]]::new()
            $seen = 0
            Get-SecuCustomer -PageSize 250 | ForEach-Object {
                if ($Keep) { $kept.Add($_) }
                if (++$seen % 1000 -eq 0) { [GC]::GetTotalMemory($true) }
            }
        }
    }

    It 'streams: the heap does not grow with the number of customers listed' {
        @(Get-SandboxCustomer $sb).Count | Should -Be $total
        $streamed = @(Measure-ListingHeap)
        $buffered = @(Measure-ListingHeap -Keep)
        $streamed.Count | Should -Be 6
        $buffer = $buffered[-1] - $buffered[0]
        $growth = $streamed[-1] - $streamed[0]
        # The control shows the measure can see 5,000 customers held in memory (under 1 KB each).
        $buffer | Should -BeGreaterThan 3MB
        $growth | Should -BeLessThan ($buffer / 4)
    }
}
