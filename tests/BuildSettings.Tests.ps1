# The build settings that keep the code warning-free: nullable reference types and the .NET analyzers on in the module,
# warnings failing the Release build that ./build.ps1 (and so CI) runs, and a reason beside every suppression.

BeforeAll {
    $script:root = Resolve-Path (Join-Path $PSScriptRoot '..')
    $script:moduleProject = [xml] (Get-Content -Raw (Join-Path $root 'src/SecuConnect/SecuConnect.csproj'))
    # The module's own value of an MSBuild property (the first one set, as the module sets each once).
    function Get-ModuleProperty([string] $Name) {
        @($moduleProject.Project.PropertyGroup | ForEach-Object { $_.$Name } | Where-Object { $_ })[0]
    }
}

Describe 'Build settings' {
    It 'turns a planted nullable warning and a planted analyzer warning into errors in a Release build under the module''s settings' {
        # A throwaway project beside copies of the repository's shared props, with the module's nullable, analyzer and
        # NoWarn settings: what fails here fails the module's build the same way.
        $copy = Join-Path $TestDrive 'planted'
        $null = New-Item -ItemType Directory (Join-Path $copy 'src/Planted')
        Copy-Item (Join-Path $root 'Directory.Build.props'), (Join-Path $root 'Directory.Packages.props') $copy
        $noWarn = (Get-ModuleProperty 'NoWarn') -replace '\$\(NoWarn\);?', ''
        Set-Content (Join-Path $copy 'src/Planted/Planted.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>$(Get-ModuleProperty 'TargetFramework')</TargetFramework>
    <Nullable>$(Get-ModuleProperty 'Nullable')</Nullable>
    <AnalysisLevel>$(Get-ModuleProperty 'AnalysisLevel')</AnalysisLevel>
    <NoWarn>`$(NoWarn);$noWarn</NoWarn>
  </PropertyGroup>
</Project>
"@
        Set-Content (Join-Path $copy 'src/Planted/Planted.cs') @'
namespace Planted
{
    public static class Warnings
    {
        public static string Nullable() => null;
        public static int[] Analyzer() => new int[0];
    }
}
'@
        $out = & dotnet build (Join-Path $copy 'src/Planted/Planted.csproj') -c Release --nologo 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Not -Be 0
        # CS8603: a possible null return; CA1825: a zero-length array allocation (latest-recommended).
        ($out | Where-Object { $_ -match 'Planted\.cs\(\d+,\d+\): error CS8603' }) | Should -Not -BeNullOrEmpty
        ($out | Where-Object { $_ -match 'Planted\.cs\(\d+,\d+\): error CA1825' }) | Should -Not -BeNullOrEmpty
    }

    It 'keeps the module on nullable reference types and the recommended analyzers, built in Release by build.ps1' {
        Get-ModuleProperty 'Nullable' | Should -Be 'enable'
        Get-ModuleProperty 'AnalysisLevel' | Should -Be 'latest-recommended'
        # build.ps1's default configuration is what CI builds and tests.
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $root 'build.ps1'), [ref] $null, [ref] $null)
        $configuration = $ast.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'Configuration' }
        $configuration.DefaultValue.Value | Should -Be 'Release'
        # No file opts out of the nullable analysis.
        Get-ChildItem (Join-Path $root 'src/SecuConnect') -Recurse -Filter *.cs | Where-Object FullName -notmatch '[\\/](bin|obj)[\\/]' |
            Select-String -Pattern '^\s*#nullable\s+(disable|restore)' | ForEach-Object { "$($_.Path):$($_.LineNumber)" } | Should -BeNullOrEmpty
    }

    It 'gives every warning suppression in the source and the projects its reason' {
        # The repository's own files: what git tracks, never build output or restored packages.
        $files = @(git -C $root ls-files -- '*.cs' '*.csproj' '*.props')
        $files | Should -Not -BeNullOrEmpty
        $hits = Select-String -LiteralPath @($files | ForEach-Object { Join-Path $root $_ }) -Pattern '#pragma\s+warning\s+disable|\bSuppressMessage\(|<NoWarn>'
        $bare = foreach ($hit in $hits) {
            $lines = @(Get-Content -LiteralPath $hit.Path)
            $i = $hit.LineNumber - 1
            $line = $lines[$i]
            # A pragma names its reason after //; an attribute in its Justification; a NoWarn in the XML comment just above it.
            $isBare = ($line -match '#pragma\s+warning\s+disable' -and $line -notmatch '//\s*\S') -or
                ($line -match '\bSuppressMessage\(' -and ($lines[$i..([Math]::Min($i + 2, $lines.Count - 1))] -join ' ') -notmatch 'Justification\s*=\s*"[^"]+"') -or
                ($line -match '<NoWarn>' -and -not (@($lines[0..([Math]::Max(0, $i - 1))] | Where-Object { $_.Trim() })[-1] -match '-->\s*$'))
            if ($isBare) { "$($hit.Path.Substring($root.Path.Length + 1)):$($hit.LineNumber): $($line.Trim())" }
        }
        $bare | Should -BeNullOrEmpty
    }
}
