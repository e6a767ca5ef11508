# The sandbox as users get it: packed as a .NET tool (as build.ps1 package does), installed from that local package
# folder with 'dotnet tool install --tool-path', started as 'secuconnect-sandbox' and driven by the module. Then
# docs/testing-your-scripts.md followed as written, from the same package, in a clean folder and without network.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module (Get-SecuModulePath)
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ('SecuConnect.SandboxTool.' + [guid]::NewGuid().ToString('N'))
    $script:feed = Join-Path $root 'feed'
    $script:toolPath = Join-Path $root 'tools'
    $null = New-Item -ItemType Directory -Path $feed, $toolPath -Force

    $project = Join-Path $PSScriptRoot '../src/SecuConnect.Sandbox/SecuConnect.Sandbox.csproj'
    $pack = & dotnet pack $project -c Release -o $feed --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack failed with exit code $LASTEXITCODE`: $($pack -join "`n")" }
    $script:nupkg = @(Get-ChildItem $feed -Filter 'SecuConnect.Sandbox.*.nupkg')[0].FullName

    # Only the local folder as package source: the install needs no network.
    $config = Join-Path $root 'nuget.config'
    Set-Content -LiteralPath $config -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$feed" /></packageSources></configuration>
"@
    $install = & dotnet tool install SecuConnect.Sandbox --tool-path $toolPath --configfile $config 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet tool install failed with exit code $LASTEXITCODE`: $($install -join "`n")" }
    $script:tool = Join-Path $toolPath $(if ($IsWindows) { 'secuconnect-sandbox.exe' } else { 'secuconnect-sandbox' })
    $script:sb = Start-SecuSandbox -FilePath $tool
}

AfterAll {
    try { Disconnect-SecuConnect } catch { }
    Stop-SecuSandbox $script:sb
    if ($script:root -and (Test-Path $script:root)) { Remove-Item $script:root -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'secuconnect-sandbox, the .NET tool' {
    It 'is a tool package with the sandbox README and the command secuconnect-sandbox' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $entries = @($zip.Entries | ForEach-Object FullName)
            $r = [System.IO.StreamReader]::new($zip.GetEntry('SecuConnect.Sandbox.nuspec').Open())
            try { [xml] $nuspec = $r.ReadToEnd() } finally { $r.Dispose() }
        } finally { $zip.Dispose() }
        $entries | Should -Contain 'README.md'
        $entries | Should -Contain 'tools/net10.0/any/SecuConnect.Sandbox.dll'
        $nuspec.package.metadata.packageTypes.packageType.name | Should -Be 'DotnetTool'
        $nuspec.package.metadata.readme | Should -Be 'README.md'
        (Test-Path -LiteralPath $tool) | Should -BeTrue
        $sb.Process.StartInfo.FileName | Should -Be $tool
    }

    It 'serves the module: create, read, a retried 503, delete' {
        Connect-SecuConnect -BaseUri $sb.BaseUri -Credential $sb.Credential
        $c = New-SecuCustomer -Forename Ada -Surname Lovelace -Email ada@example.com
        $c.Id | Should -Match '^PCU_[A-Z0-9]{30}$'
        Clear-SandboxRequestLog $sb
        Add-SandboxFault $sb -Status 503 -Count 1 -RetryAfter 0 -Method GET -PathPrefix '/api/v2/Payment/Customers'
        (Get-SecuCustomer -Id $c.Id).Name | Should -Be 'Ada Lovelace'
        @(Get-SandboxRequestLog $sb -Path '*/Payment/Customers/*' -Method GET).status | Should -Be @(503, 200)
        $c | Remove-SecuCustomer -Confirm:$false
        Get-SandboxCustomer $sb -Id $c.Id | Should -BeNullOrEmpty
    }
}

Describe 'docs/testing-your-scripts.md, followed as written' {
    BeforeAll {
        # Fenced blocks in page order: language, the <!-- ... --> marker on the line before the fence (blank lines
        # between allowed), text.
        function Get-MarkdownCodeBlock([string] $Path) {
            $marker = $null; $body = $null
            foreach ($line in Get-Content -LiteralPath $Path) {
                if ($null -ne $body) {
                    if ($line -match '^```\s*$') {
                        [pscustomobject]@{ Language = $language; Marker = $marker; Text = ($body -join "`n") + "`n" }
                        $body = $null; $marker = $null
                    } else { $body.Add($line) }
                }
                elseif ($line -match '^```(\S*)') { $language = $Matches[1]; $body = [System.Collections.Generic.List[string]]::new() }
                elseif ($line -match '^<!--\s*(.+?)\s*-->$') { $marker = $Matches[1] }
                elseif ($line.Trim()) { $marker = $null }
            }
        }

        # The doc's code blocks in order. A block marked <!-- file: NAME --> is a file the reader saves; one marked
        # <!-- no-run... --> needs what this test has not (nuget.org, a clone); every other powershell block is
        # commands the reader runs, in one session, from the project folder.
        $script:blocks = @(Get-MarkdownCodeBlock (Join-Path $PSScriptRoot '../docs/testing-your-scripts.md'))
        $script:files = @($blocks | Where-Object Marker -like 'file:*')
        $script:commands = @($blocks | Where-Object { $_.Language -eq 'powershell' -and -not $_.Marker })

        # The reader's machine: the package file in the project's packages folder (copied from the one packed above,
        # as the doc says to copy it from out/), the module and Pester installed, NuGet without network sources.
        $script:projectDir = Join-Path $root 'project'
        $modules = Join-Path $root 'modules'
        $null = New-Item -ItemType Directory -Path (Join-Path $projectDir 'packages'), $modules -Force
        Copy-Item -LiteralPath $nupkg -Destination (Join-Path $projectDir 'packages')
        Copy-Item -LiteralPath (Split-Path (Get-SecuModulePath) -Parent) -Destination (Join-Path $modules 'SecuConnect') -Recurse
        Copy-Item -LiteralPath (Split-Path (Get-Module Pester).Path -Parent) -Destination (Join-Path $modules 'Pester') -Recurse
        Set-Content -LiteralPath (Join-Path $root 'nuget.config') -Value '<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /></packageSources></configuration>'

        foreach ($f in $files) { Set-Content -LiteralPath (Join-Path $projectDir $f.Marker.Substring(5).Trim()) -Value $f.Text -NoNewline }
        $q = { param($p) "'" + $p.Replace("'", "''") + "'" }
        $session = @(
            "Set-Location -LiteralPath $(& $q $projectDir)"
            "`$env:PSModulePath = $(& $q $modules) + [System.IO.Path]::PathSeparator + `$env:PSModulePath"
            $commands.Text
        ) -join "`n"
        $script:output = Invoke-ChildPwsh $session
    }

    It 'shows every file its test uses, and commands to run' {
        $names = @($files | ForEach-Object { $_.Marker.Substring(5).Trim() })
        $names | Should -Contain 'Import-Customers.Tests.ps1'
        $testText = ($files | Where-Object Marker -eq 'file: Import-Customers.Tests.ps1').Text
        $used = @([regex]::Matches($testText, '\$PSScriptRoot[/\\]([\w.-]+)') | ForEach-Object { $_.Groups[1].Value })
        $used | Should -Not -BeNullOrEmpty
        foreach ($u in $used) { $names | Should -Contain $u -Because "the doc's test uses $u" }
        $commands.Count | Should -BeGreaterThan 1
        @($blocks | Where-Object { $_.Marker -and $_.Marker -notmatch '^(file:|no-run)' }) | Should -BeNullOrEmpty -Because 'a block is a file, commands, or marked no-run'
    }

    It 'installs the tool from the package folder into ./.tools' {
        Join-Path $projectDir '.tools' $(if ($IsWindows) { 'secuconnect-sandbox.exe' } else { 'secuconnect-sandbox' }) | Should -Exist
        "$output" | Should -Match 'Usage: secuconnect-sandbox'
    }

    It 'runs the doc''s Pester test green' {
        $result = Join-Path $projectDir 'testResults.xml'
        $result | Should -Exist -Because "Invoke-Pester -CI writes it. Output: $output"
        [xml] $nunit = Get-Content -LiteralPath $result -Raw
        $r = $nunit.'test-results'
        $tests = [regex]::Matches(($files | Where-Object Marker -eq 'file: Import-Customers.Tests.ps1').Text, '(?m)^\s*It ').Count
        [int] $r.total | Should -Be $tests -Because "$output"
        [int] $r.failures + [int] $r.errors + [int] $r.'not-run' + [int] $r.inconclusive + [int] $r.skipped | Should -Be 0 -Because "$output"
    }
}
