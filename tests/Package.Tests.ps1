# The module as users get it from the PowerShell Gallery: packed by tools/New-SecuConnectPackage.ps1 (the script behind
# build.ps1 package) into a temporary local file repository, checked as a zip, saved from that repository into a
# temporary module path with Save-PSResource, then imported, auto-loaded and used in fresh pwsh processes.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    Import-Module Microsoft.PowerShell.PSResourceGet
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $script:moduleDir = Split-Path (Get-SecuModulePath) -Parent
    $script:sourceManifest = Import-PowerShellDataFile -LiteralPath (Join-Path $moduleDir 'SecuConnect.psd1')
    $script:version = $sourceManifest.ModuleVersion

    $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ('SecuConnect.Package.' + [guid]::NewGuid().ToString('N'))
    $script:repoDir = Join-Path $root 'repo'
    $script:outDir = Join-Path $root 'out'
    $script:installDir = Join-Path $root 'modules'
    $script:workDir = Join-Path $root 'work'
    foreach ($d in $repoDir, $outDir, $installDir, $workDir) { $null = New-Item -ItemType Directory -Path $d -Force }

    $script:repoName = 'SecuConnectTest-' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repoName -Uri $repoDir -Trusted

    # Pack the way build.ps1 package does: the same script in a child pwsh, here into the registered test repository.
    $pack = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot '../tools/New-SecuConnectPackage.ps1') `
        -ModulePath $moduleDir -OutputPath $outDir -Repository $repoName 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed with exit code $LASTEXITCODE`: $($pack -join "`n")" }
    $script:nupkg = Join-Path $outDir "SecuConnect.$version.nupkg"

    $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
    try {
        $script:entries = @($zip.Entries | ForEach-Object FullName)
        $script:entryHashes = @{}
        foreach ($e in $zip.Entries) {
            $s = $e.Open()
            try { $entryHashes[$e.FullName] = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($s)) } finally { $s.Dispose() }
        }
        $r = [System.IO.StreamReader]::new($zip.GetEntry('SecuConnect.nuspec').Open())
        try { [xml] $script:nuspec = $r.ReadToEnd() } finally { $r.Dispose() }
    } finally { $zip.Dispose() }

    Save-PSResource -Name SecuConnect -Version $version -Repository $repoName -Path $installDir -TrustRepository -SkipDependencyCheck
    $script:installedBase = Join-Path $installDir "SecuConnect/$version"

    $script:sb = Start-SecuSandbox

    # Runs a script in a fresh pwsh -NoProfile whose PSModulePath starts with the temporary install path. The sandbox
    # address and the demo client credentials travel in the environment, not on the command line.
    function Invoke-FreshPwsh([string] $Script) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME 'pwsh'))
        foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))) {
            $psi.ArgumentList.Add($a)
        }
        $psi.WorkingDirectory = $workDir
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['PSModulePath'] = $installDir + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['SECUCONNECT_TEST_BASE_URI'] = $sb.BaseUri
        $psi.Environment['SECUCONNECT_TEST_CLIENT_ID'] = $sb.Credential.UserName
        $psi.Environment['SECUCONNECT_TEST_CLIENT_SECRET'] = $sb.Credential.GetNetworkCredential().Password
        $p = [System.Diagnostics.Process]::Start($psi)
        try {
            $out = $p.StandardOutput.ReadToEndAsync()
            $err = $p.StandardError.ReadToEndAsync()
            if (-not $p.WaitForExit(60000)) { $p.Kill($true); throw "fresh pwsh did not finish within 60 s. stdout: $($out.Result)" }
            $p.WaitForExit()
            [pscustomobject]@{ ExitCode = $p.ExitCode; Out = $out.Result; Err = $err.Result }
        } finally { $p.Dispose() }
    }

    # Splits a child's stdout at a marker line; the JSON after '<<<result>>>' is parsed.
    function Get-ChildResult($Run) {
        if ($Run.ExitCode -ne 0) { throw "fresh pwsh exited with $($Run.ExitCode). stderr: $($Run.Err) stdout: $($Run.Out)" }
        $i = $Run.Out.IndexOf('<<<result>>>')
        if ($i -lt 0) { throw "fresh pwsh printed no result. stdout: $($Run.Out) stderr: $($Run.Err)" }
        $Run.Out.Substring($i + '<<<result>>>'.Length) | ConvertFrom-Json
    }

    # Runs after the import marker: progress records (Get-Help writes some) would reach stderr as CLIXML.
    $script:connect = @'
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$secret = ConvertTo-SecureString $env:SECUCONNECT_TEST_CLIENT_SECRET -AsPlainText -Force
$credential = [pscredential]::new($env:SECUCONNECT_TEST_CLIENT_ID, $secret)
'@
}

AfterAll {
    Stop-SecuSandbox $script:sb
    if ($script:repoName -and (Get-PSResourceRepository -Name $script:repoName -ErrorAction SilentlyContinue)) {
        Unregister-PSResourceRepository -Name $script:repoName
    }
    if ($script:root -and (Test-Path -LiteralPath $script:root)) { Remove-Item -LiteralPath $script:root -Recurse -Force }
}

Describe 'The package' {
    It 'is written as SecuConnect.<version>.nupkg and published to the repository' {
        $nupkg | Should -Exist
        Join-Path $repoDir "SecuConnect.$version.nupkg" | Should -Exist
    }

    It 'holds the module files at its root, not under lib/' {
        $entries | Should -Contain 'SecuConnect.psd1'
        $entries | Should -Contain 'SecuConnect.dll'
        @($entries | Where-Object { $_ -like 'lib/*' -or $_ -like 'content/*' -or $_ -like 'tools/*' }) | Should -BeNullOrEmpty
    }

    It 'holds exactly what ships, besides the NuGet package parts' {
        $packaging = @($entries | Where-Object {
                $_ -in 'SecuConnect.nuspec', '[Content_Types].xml', '_rels/.rels' -or $_ -like 'package/services/metadata/core-properties/*.psmdcp'
            })
        $packaging.Count | Should -Be 4
        $moduleFiles = @($entries | Where-Object { $_ -notin $packaging } | Sort-Object)
        $moduleFiles | Should -Be @(
            'en-US/about_SecuConnect.help.txt'
            'en-US/SecuConnect.dll-Help.xml'
            'LICENSE'
            'Newtonsoft.Json.dll'
            'SecuConnect.dll'
            'SecuConnect.Format.ps1xml'
            'SecuConnect.pdb'
            'SecuConnect.psd1'
        ) -Because 'no test assembly, no PowerShell SDK assembly, no pdb but the module''s own may ship'
    }

    It 'ships the built files unchanged' {
        foreach ($f in 'SecuConnect.dll', 'SecuConnect.psd1', 'Newtonsoft.Json.dll', 'LICENSE', 'en-US/SecuConnect.dll-Help.xml') {
            $entryHashes[$f] | Should -Be (Get-FileHash -LiteralPath (Join-Path $moduleDir $f) -Algorithm SHA256).Hash -Because $f
        }
    }

    It 'carries the manifest''s Gallery metadata in its nuspec' {
        $m = $nuspec.package.metadata
        $psData = $sourceManifest.PrivateData.PSData
        $m.id | Should -Be 'SecuConnect'
        $m.version | Should -Be $version
        $m.authors | Should -Be $sourceManifest.Author
        $m.description | Should -Be $sourceManifest.Description
        $m.copyright | Should -Be $sourceManifest.Copyright
        $m.projectUrl | Should -Be $psData.ProjectUri
        $m.licenseUrl | Should -Be $psData.LicenseUri
        $m.releaseNotes | Should -Be $psData.ReleaseNotes
        $tags = -split $m.tags
        $tags | Should -Contain 'PSModule'
        foreach ($t in $psData.Tags) { $tags | Should -Contain $t }
    }
}

Describe 'The installed manifest' {
    BeforeAll {
        $script:installed = Import-PowerShellDataFile -LiteralPath (Join-Path $installedBase 'SecuConnect.psd1')
    }

    It 'was saved into a versioned folder of the temporary module path' {
        Join-Path $installedBase 'SecuConnect.psd1' | Should -Exist
        Join-Path $installedBase 'SecuConnect.dll' | Should -Exist
        Join-Path $installedBase 'en-US/SecuConnect.dll-Help.xml' | Should -Exist
    }

    It 'has the identity and compatibility fields the Gallery wants' {
        $installed.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
        [guid] $installed.GUID | Should -Not -Be ([guid]::Empty)
        foreach ($k in 'Author', 'CompanyName', 'Copyright', 'Description') { $installed[$k] | Should -Not -BeNullOrEmpty -Because $k }
        $installed.RootModule | Should -Be 'SecuConnect.dll'
        $installed.PowerShellVersion | Should -Be '5.1'
        @($installed.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        @($installed.FormatsToProcess) | Should -Be @('SecuConnect.Format.ps1xml')
    }

    It 'exports explicit cmdlet names and nothing else' {
        @($installed.CmdletsToExport).Count | Should -BeGreaterThan 0
        @($installed.CmdletsToExport | Where-Object { $_ -match '[*?]' }) | Should -BeNullOrEmpty
        foreach ($k in 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') { @($installed[$k]) | Should -BeNullOrEmpty -Because $k }
    }

    It 'has PSData with tags, project and license links and release notes' {
        $psData = $installed.PrivateData.PSData
        @($psData.Tags).Count | Should -BeGreaterThan 0
        @($psData.Tags | Where-Object { $_ -match '\s' }) | Should -BeNullOrEmpty -Because 'Gallery tags cannot contain spaces'
        foreach ($k in 'ProjectUri', 'LicenseUri') {
            ([uri] $psData[$k]).Scheme | Should -Be 'https' -Because $k
        }
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'Imported by name in a fresh pwsh' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:run = Invoke-FreshPwsh ("`$ErrorActionPreference = 'Stop'`nImport-Module SecuConnect`n'<<<imported>>>'`n" + $connect + @'

$m = Get-Module SecuConnect
$valid = Test-ModuleManifest -Path (Join-Path $m.ModuleBase 'SecuConnect.psd1')
$connectOutput = @(Connect-SecuConnect -BaseUri $env:SECUCONNECT_TEST_BASE_URI -Credential $credential)
$created = New-SecuCustomer -Forename Ada -Surname Lovelace -Email ada.lovelace@example.com -City London -Country GB
$read = Get-SecuCustomer -Id $created.Id
$setOutput = @(Set-SecuCustomer -Id $created.Id -City Cambridge)
$updated = Get-SecuCustomer -Id $created.Id
$removeOutput = @(Remove-SecuCustomer -Id $created.Id -Confirm:$false)
$null = Get-SecuCustomer -Id $created.Id -ErrorAction SilentlyContinue -ErrorVariable afterRemove
'<<<result>>>'
[pscustomobject]@{
    Version       = "$($m.Version)"
    ModuleBase    = $m.ModuleBase
    Cmdlets       = @($m.ExportedCmdlets.Keys | Sort-Object)
    Commands      = @(Get-Command -Module SecuConnect | ForEach-Object Name | Sort-Object)
    ManifestValid = "$($valid.Name) $($valid.Version)"
    Synopsis      = (Get-Help Get-SecuCustomer).Synopsis
    About         = (Get-Help about_SecuConnect | Out-String)
    ConnectOutput = $connectOutput.Count
    CreatedId     = $created.Id
    CreatedType   = $created.PSObject.TypeNames[0]
    ReadEmail     = $read.Email
    SetOutput     = $setOutput.Count
    UpdatedCity   = $updated.City
    UpdatedEmail  = $updated.Email
    RemoveOutput  = $removeOutput.Count
    AfterRemove   = @($afterRemove | ForEach-Object FullyQualifiedErrorId)
} | ConvertTo-Json -Depth 3
'@)
        $script:result = Get-ChildResult $run
        $script:log = @(Get-SandboxRequestLog $sb)
    }

    It 'prints nothing on import' {
        $run.Out.Substring(0, $run.Out.IndexOf('<<<imported>>>')) | Should -BeNullOrEmpty
        # pwsh -EncodedCommand hands every Information record to its caller as CLIXML on stderr, whatever the
        # preference: the only ones expected are the summaries of New, Set and Remove (tag SecuConnect.Summary).
        $err = $run.Err.Trim()
        if ($err) {
            $err | Should -BeLike '#< CLIXML*'
            $records = @([System.Management.Automation.PSSerializer]::Deserialize($err.Substring('#< CLIXML'.Length).Trim()))
            @($records | Where-Object { 'SecuConnect.Summary' -notin $_.Tags }) | Should -BeNullOrEmpty
            $records.Count | Should -Be 3
        }
    }

    It 'loads the saved copy with the manifest''s version' {
        $result.Version | Should -Be $version
        [System.IO.Path]::GetFullPath($result.ModuleBase) | Should -Be ([System.IO.Path]::GetFullPath($installedBase))
        $result.ManifestValid | Should -Be "SecuConnect $version"
    }

    It 'exports exactly the manifest''s cmdlets' {
        $expected = @($sourceManifest.CmdletsToExport | Sort-Object)
        @($result.Cmdlets) | Should -Be $expected
        @($result.Commands) | Should -Be $expected
    }

    It 'brings its help along' {
        $result.Synopsis | Should -Not -BeNullOrEmpty
        $result.Synopsis | Should -Not -BeLike 'Get-SecuCustomer *' -Because 'without the help file Get-Help falls back to the syntax'
        $result.About | Should -Match 'about_SecuConnect'
    }

    It 'connects, creates, reads, updates and removes a customer against the sandbox' {
        $result.ConnectOutput | Should -Be 0
        $result.CreatedId | Should -Match '^PCU_[A-Z0-9]{30}$'
        $result.CreatedType | Should -Be 'SecuConnect.Customer'
        $result.ReadEmail | Should -Be 'ada.lovelace@example.com'
        $result.SetOutput | Should -Be 0
        $result.UpdatedCity | Should -Be 'Cambridge'
        $result.UpdatedEmail | Should -Be 'ada.lovelace@example.com'
        $result.RemoveOutput | Should -Be 0
        @($result.AfterRemove) | Should -Be 'ProductNotFoundException,SecuConnect.Commands.GetSecuCustomerCommand'
    }

    It 'sent the token, POST, PUT and DELETE requests the sandbox logged, and the customer is gone' {
        $id = $result.CreatedId
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/oauth/token' -and $_.status -eq 200 }).Count | Should -BeGreaterOrEqual 1
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -match '/api/v2/Payment/Customers/?$' -and $_.status -eq 200 }).Count | Should -Be 1
        @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -like "*/Customers/$id" -and $_.status -eq 200 }).Count | Should -Be 1
        @($log | Where-Object { $_.method -eq 'DELETE' -and $_.path -like "*/Customers/$id" -and $_.status -eq 200 }).Count | Should -Be 1
        Get-SandboxCustomer $sb -Id $id | Should -BeNullOrEmpty
    }
}

Describe 'Auto-loaded in a fresh pwsh' {
    BeforeAll {
        Reset-Sandbox $sb
        $script:seeded = New-SandboxCustomer $sb @{ forename = 'Grace'; surname = 'Hopper'; email = 'grace.hopper@example.com' }
        $script:run = Invoke-FreshPwsh ($connect + @'

$loadedBefore = @(Get-Module SecuConnect).Count
Connect-SecuConnect -BaseUri $env:SECUCONNECT_TEST_BASE_URI -Credential $credential
$m = Get-Module SecuConnect
$ids = @(Get-SecuCustomer | ForEach-Object Id)
'<<<result>>>'
[pscustomobject]@{
    LoadedBefore = $loadedBefore
    ModuleBase   = $m.ModuleBase
    Version      = "$($m.Version)"
    Ids          = $ids
} | ConvertTo-Json -Depth 3
'@)
        $script:result = Get-ChildResult $run
    }

    It 'loads the module from the temporary module path on first use, without Import-Module' {
        $result.LoadedBefore | Should -Be 0
        [System.IO.Path]::GetFullPath($result.ModuleBase) | Should -BeLike ([System.IO.Path]::GetFullPath($installDir) + '*')
        $result.Version | Should -Be $version
    }

    It 'lists the sandbox''s customers with the auto-loaded cmdlets' {
        @($result.Ids) | Should -Be @($seeded.id)
        $run.Err | Should -BeNullOrEmpty
    }
}
