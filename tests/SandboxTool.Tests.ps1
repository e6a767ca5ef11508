# The sandbox as users get it: packed as a .NET tool (as build.ps1 package does), installed from that local package
# folder with 'dotnet tool install --tool-path', started as 'secuconnect-sandbox' and driven by the module.

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
