<#
.SYNOPSIS
    Packs the built module into SecuConnect.<version>.nupkg exactly as the PowerShell Gallery receives it.
.DESCRIPTION
    Publishes the module folder with Publish-PSResource to a local file repository, which gives the Gallery's
    layout (module files at the package root, not under lib/), then copies the .nupkg to -OutputPath.

    Without -Repository, a temporary repository with a unique name is registered for the publish and always
    unregistered and deleted afterwards. With -Repository, the package is published to that already registered
    file repository and left there, so a caller can install it from the same place.

    Before publishing, the module folder is checked against the list of files that ship: the manifest must pass
    Test-ModuleManifest and export explicit cmdlet names, and a stray file (a test assembly, a PowerShell SDK
    assembly, a foreign pdb, a deps file) fails the package instead of reaching users.

    SecuConnect.pdb ships: it is the module's own portable pdb (about 40 KB) and gives file and line numbers in
    the stack traces users attach to bug reports. No other pdb ships.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/New-SecuConnectPackage.ps1 -ModulePath out/SecuConnect -OutputPath out
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    # The module folder as built (manifest, dll, format file, en-US help).
    [string] $ModulePath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'out/SecuConnect'),

    # Where SecuConnect.<version>.nupkg is written.
    [string] $OutputPath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'out'),

    # A registered local file repository to publish to and leave the package in; a temporary one when omitted.
    [string] $Repository
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ModuleName = 'SecuConnect'

# What ships, relative to the module folder. Anything else in the folder fails the package.
$Shipped = @(
    'SecuConnect.psd1'
    'SecuConnect.dll'
    'SecuConnect.pdb'
    'SecuConnect.Format.ps1xml'
    'Newtonsoft.Json.dll'
    'LICENSE'
    'en-US/SecuConnect.dll-Help.xml'
    'en-US/about_*.help.txt'
)
# Must be present for the module to load and to have help.
$Required = @(
    'SecuConnect.psd1'
    'SecuConnect.dll'
    'SecuConnect.Format.ps1xml'
    'Newtonsoft.Json.dll'
    'LICENSE'
    'en-US/SecuConnect.dll-Help.xml'
    'en-US/about_SecuConnect.help.txt'
)

function Get-RelativeFile([string] $Root) {
    Get-ChildItem -LiteralPath $Root -Recurse -File -Force | ForEach-Object {
        [System.IO.Path]::GetRelativePath($Root, $_.FullName).Replace('\', '/')
    }
}

# NuGet normalizes the version in the package file name: at least three parts, a fourth only when not zero.
function Get-PackageVersion([hashtable] $Manifest) {
    $v = [version] $Manifest.ModuleVersion
    $text = if ($v.Revision -gt 0) { "$v" } else { '{0}.{1}.{2}' -f $v.Major, $v.Minor, [Math]::Max($v.Build, 0) }
    $psData = if ($Manifest.ContainsKey('PrivateData') -and $Manifest.PrivateData -is [hashtable]) { $Manifest.PrivateData['PSData'] }
    if ($psData -is [hashtable] -and $psData['Prerelease']) { $text += '-' + $psData['Prerelease'] }
    $text
}

# --- check the module folder --------------------------------------------------------------------------------
if (-not (Test-Path -LiteralPath $ModulePath -PathType Container)) {
    throw "Module folder not found: $ModulePath. Run ./build.ps1 build first."
}
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
if ((Split-Path $ModulePath -Leaf) -ne $ModuleName) {
    throw "The module folder must be named $ModuleName (Publish-PSResource names the package after it): $ModulePath"
}
$manifestPath = Join-Path $ModulePath "$ModuleName.psd1"

$files = @(Get-RelativeFile $ModulePath)
foreach ($r in $Required) {
    if ($files -cnotcontains $r) { throw "The module folder lacks $r; the build did not produce it." }
}
$stray = @($files | Where-Object { $f = $_; -not ($Shipped | Where-Object { $f -clike $_ }) })
if ($stray.Count) {
    throw "Files that do not ship are in ${ModulePath}: $($stray -join ', '). Remove them from the build output, or add them to the shipped list in $PSCommandPath."
}

$null = Test-ModuleManifest -Path $manifestPath
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
    if ($manifest.ContainsKey($key) -and @($manifest[$key] | Where-Object { $_ -match '[*?]' }).Count) {
        throw "$key in the manifest contains a wildcard; the Gallery and command discovery need explicit names."
    }
}

$version = Get-PackageVersion $manifest
$packageName = "$ModuleName.$version.nupkg"

# --- publish ------------------------------------------------------------------------------------------------
Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
$temporary = -not $Repository
$repoPath = $null
if ($temporary) {
    $Repository = 'SecuConnectPackage-' + [guid]::NewGuid().ToString('N')
    $repoPath = Join-Path ([System.IO.Path]::GetTempPath()) $Repository
    $null = New-Item -ItemType Directory -Path $repoPath
}
try {
    if ($temporary) {
        Register-PSResourceRepository -Name $Repository -Uri $repoPath -Trusted
    } else {
        $uri = (Get-PSResourceRepository -Name $Repository).Uri
        if (-not $uri.IsFile) { throw "Repository $Repository is not a local file repository: $uri" }
        $repoPath = $uri.LocalPath
    }
    # No dependencies to check, and checking would query the other registered repositories.
    Publish-PSResource -Path $ModulePath -Repository $Repository -SkipDependenciesCheck

    $published = Join-Path $repoPath $packageName
    if (-not (Test-Path -LiteralPath $published)) {
        throw "Publish-PSResource reported success but $published does not exist."
    }

    # A package with a lib/ folder would install as an empty module: the Gallery layout keeps files at the root.
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($published)
    try {
        $entries = @($zip.Entries | ForEach-Object FullName)
    } finally { $zip.Dispose() }
    if ($entries -cnotcontains "$ModuleName.psd1" -or @($entries -clike 'lib/*').Count) {
        throw "$published does not have the module at its root: $($entries -join ', ')"
    }

    if (-not (Test-Path -LiteralPath $OutputPath)) { $null = New-Item -ItemType Directory -Path $OutputPath }
    # Only the current version's package stays beside the module, so nobody uploads a stale one.
    Get-ChildItem -LiteralPath $OutputPath -File -Filter "$ModuleName.*.nupkg" |
        Where-Object Name -match "^$ModuleName\.\d+\.\d+\.\d+.*\.nupkg$" |
        Remove-Item -Force
    $destination = Join-Path $OutputPath $packageName
    Copy-Item -LiteralPath $published -Destination $destination -Force
    Write-Host "package: $((Resolve-Path -LiteralPath $destination).ProviderPath)"
} finally {
    if ($temporary) {
        if (Get-PSResourceRepository -Name $Repository -ErrorAction SilentlyContinue) {
            Unregister-PSResourceRepository -Name $Repository
        }
        if ($repoPath -and (Test-Path -LiteralPath $repoPath)) { Remove-Item -LiteralPath $repoPath -Recurse -Force }
    }
}
