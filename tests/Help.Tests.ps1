# Help: Get-Help is complete for every exported cmdlet, the docs/en-US pages agree with the cmdlets, the help
# generator rejects drift, and every runnable example in the docs runs against a sandbox.

BeforeDiscovery {
    $modulePath = if ($env:SECUCONNECT_MODULE_PATH) { $env:SECUCONNECT_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SecuConnect/SecuConnect.psd1' }
    if (-not (Test-Path $modulePath)) { throw "Module not built: $modulePath is missing. Run ./build.ps1 build." }
    $docsPath = Join-Path $PSScriptRoot '../docs/en-US'
    $script:commandNames = @((Import-PowerShellDataFile $modulePath).CmdletsToExport)

    # Examples as the docs hold them: one entry per "### Example N" with its powershell code, whether it is marked
    # "<!-- no-run -->" (needs a real tenant) and the output the page shows for it.
    $script:examples = foreach ($file in Get-ChildItem $docsPath -Filter *.md | Where-Object Name -notlike 'about_*') {
        $lines = (Get-Content -LiteralPath $file.FullName) -replace "`r$", ''
        $inExamples = $false; $current = $null; $fence = $null; $noRun = $false
        foreach ($line in $lines) {
            if ($null -ne $fence) {
                if ($line.Trim() -eq '```') {
                    if ($fence.Lang -eq 'powershell') { $current.Code += , ($fence.Body -join "`n"); if ($noRun) { $current.NoRun = $true } }
                    elseif ($fence.Lang -eq 'output') { $current.Output += , ($fence.Body -join "`n") }
                    $fence = $null; $noRun = $false
                }
                else { $fence.Body += , $line }
                continue
            }
            if ($line -match '^## ') { $inExamples = $line -eq '## EXAMPLES'; continue }
            if (-not $inExamples) { continue }
            if ($line -match '^### (.+)$') {
                if ($current) { [pscustomobject] $current }
                $current = @{ Command = $file.BaseName; Title = $Matches[1]; Code = @(); NoRun = $false; Output = @() }
            }
            elseif ($line -match '^<!--\s*no-run\s*-->') { $noRun = $true }
            elseif ($line -match '^```(\w*)') { $fence = @{ Lang = $Matches[1]; Body = @() } }
        }
        if ($current) { [pscustomobject] $current }
    }
    $script:runnableExamples = @($script:examples | Where-Object { -not $_.NoRun } | ForEach-Object {
            @{ Command = $_.Command; Title = $_.Title; Code = ($_.Code -join "`n"); Shown = ($_.Output -join "`n") }
        })
}

BeforeAll {
    $modulePath = if ($env:SECUCONNECT_MODULE_PATH) { $env:SECUCONNECT_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SecuConnect/SecuConnect.psd1' }
    $script:ModulePath = (Resolve-Path $modulePath).ProviderPath
    $script:ModuleDir = Split-Path $script:ModulePath -Parent
    $script:DocsPath = (Resolve-Path (Join-Path $PSScriptRoot '../docs/en-US')).ProviderPath
    $script:Generator = (Resolve-Path (Join-Path $PSScriptRoot '../tools/New-SecuConnectHelp.ps1')).ProviderPath
    Import-Module $script:ModulePath
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1')
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters

    # The syntax platyPS writes for one parameter set, rendered by the generator's own code.
    . (Join-Path $PSScriptRoot '../tools/HelpSyntax.ps1')

    # SYNTAX blocks of a docs page: set name (or '' when the page has a single block) -> text.
    function Get-DocSyntax([string] $Path) {
        $blocks = [ordered]@{}; $in = $false; $set = ''; $body = $null
        foreach ($line in (Get-Content -LiteralPath $Path)) {
            if ($null -ne $body) {
                if ($line.Trim() -eq '```') { $blocks[$set] = ($body -join ' '); $body = $null } else { $body += , $line }
                continue
            }
            if ($line -match '^## ') { $in = $line -eq '## SYNTAX'; continue }
            if (-not $in) { continue }
            if ($line -match '^### (.+?)( \(Default\))?$') { $set = $Matches[1] }
            elseif ($line -match '^```') { $body = @() }
        }
        $blocks
    }
}

Describe 'Get-Help <_>' -ForEach $commandNames {
    BeforeAll {
        $name = $_
        $script:cmd = Get-Command $name -Module SecuConnect
        $script:help = Get-Help $name -Full
        $script:ownParameters = @($cmd.Parameters.Values | Where-Object Name -notin $script:Common)
    }

    It 'comes from the generated help file' {
        $help.Name | Should -Be $name
        Split-Path $cmd.HelpFile -Leaf | Should -Be 'SecuConnect.dll-Help.xml'
        Join-Path $script:ModuleDir 'en-US/SecuConnect.dll-Help.xml' | Should -Exist
        $help.ModuleName | Should -Be 'SecuConnect'
    }

    It 'has a real synopsis, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$name *"
        $help.Synopsis.Trim() | Should -Not -Be (Get-Command $name -Syntax).Trim()
        $help.Synopsis.Length | Should -BeGreaterThan 15
    }

    It 'has a description' {
        ($help.description.Text -join ' ').Length | Should -BeGreaterThan 100
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) {
            $e.code | Should -Match $([regex]::Escape($name) + '|SecuCustomer|SecuConnect')
            ($e.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'has text for every parameter and none for a parameter the cmdlet lacks' {
        $documented = @($help.parameters.parameter)
        foreach ($p in $ownParameters) {
            $entry = $documented | Where-Object Name -eq $p.Name
            $entry | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs help"
            ($entry.description.Text -join ' ').Trim().Length | Should -BeGreaterThan 10 -Because "-$($p.Name) needs a description"
        }
        @($documented | Where-Object Name -notin $ownParameters.Name).Name | Should -BeNullOrEmpty
    }

    It 'shows the type, position, pipeline input, aliases and required flag the cmdlet declares' {
        $default = @($cmd.ParameterSets | Where-Object IsDefault) + @($cmd.ParameterSets | Where-Object { -not $_.IsDefault })
        foreach ($p in $ownParameters) {
            $meta = $default | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name } | Select-Object -First 1
            $entry = $help.parameters.parameter | Where-Object Name -eq $p.Name
            $entry.required | Should -Be $meta.IsMandatory.ToString().ToLowerInvariant() -Because "-$($p.Name) required"
            $entry.position | Should -Be $(if ($meta.Position -ge 0) { [string] $meta.Position } else { 'named' }) -Because "-$($p.Name) position"
            $pipeline = switch ("$($meta.ValueFromPipeline)|$($meta.ValueFromPipelineByPropertyName)") {
                'True|True' { 'True (ByPropertyName, ByValue)' }
                'True|False' { 'True (ByValue)' }
                'False|True' { 'True (ByPropertyName)' }
                default { 'False' }
            }
            $entry.pipelineInput | Should -Be $pipeline -Because "-$($p.Name) pipeline input"
            $aliases = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
            $entry.aliases | Should -Be $aliases -Because "-$($p.Name) aliases"
            $entry.type.name | Should -Not -BeNullOrEmpty
        }
    }

    It 'has syntax for every parameter set' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be @($cmd.ParameterSets).Count
        for ($i = 0; $i -lt $items.Count; $i++) {
            $expected = @($cmd.ParameterSets[$i].Parameters.Name | Where-Object { $_ -notin $script:Common })
            @($items[$i].parameter.name) | Should -Be $expected
        }
    }

    It 'has inputs and outputs' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterOrEqual 1
        @($help.returnValues.returnValue).Count | Should -BeGreaterOrEqual 1
        @($help.returnValues.returnValue.type.name) | Should -Not -Contain ''
    }

    It 'shows no placeholder and no ProgressAction' {
        $text = $help | Out-String -Width 250
        $text | Should -Not -Match '\{\{'
        $text | Should -Not -Match 'ProgressAction'
    }
}

Describe 'about_SecuConnect' {
    It 'resolves with Get-Help and covers the main topics' {
        $text = Get-Help about_SecuConnect | Out-String -Width 250
        $text | Should -Match 'about_secuconnect'
        foreach ($topic in 'SHORT DESCRIPTION', 'Connect-SecuConnect', 'SecretManagement', 'sandbox', 'Import-Csv', 'NotConnected', '-WhatIf', '-First') {
            $text | Should -Match ([regex]::Escape($topic))
        }
        $text | Should -Not -Match '\{\{'
    }
}

Describe 'docs/en-US' {
    It 'has a page for <_>' -ForEach $commandNames {
        Join-Path $script:DocsPath "$_.md" | Should -Exist
    }

    It 'has no page for a command the module does not export' {
        $exported = @((Get-Module SecuConnect).ExportedCommands.Keys)
        $pages = @(Get-ChildItem $script:DocsPath -Filter *.md | Where-Object Name -notlike 'about_*').BaseName
        @($pages | Where-Object { $_ -notin $exported }) | Should -BeNullOrEmpty
        $pages.Count | Should -Be $exported.Count
    }

    It 'holds no placeholder and no ProgressAction, in the pages or the generated help' {
        $files = @(Get-ChildItem $script:DocsPath -Filter *.md) + @(Get-ChildItem (Join-Path $script:ModuleDir 'en-US') -File)
        $files.Count | Should -BeGreaterThan 8
        foreach ($f in $files) {
            $raw = Get-Content -LiteralPath $f.FullName -Raw
            $raw | Should -Not -Match '\{\{' -Because $f.Name
            $raw | Should -Not -Match 'ProgressAction' -Because $f.Name
        }
    }

    It 'SYNTAX of <_> agrees with Get-Command' -ForEach $commandNames {
        $cmd = Get-Command $_ -Module SecuConnect
        $blocks = Get-DocSyntax (Join-Path $script:DocsPath "$_.md")
        $sets = @($cmd.ParameterSets)
        $blocks.Count | Should -Be $sets.Count
        foreach ($set in $sets) {
            $key = if ($sets.Count -eq 1) { '' } else { $set.Name }
            $blocks.Contains($key) | Should -BeTrue -Because "the page needs a SYNTAX block '### $($set.Name)'"
            ($blocks[$key] -replace '\s+', ' ').Trim() | Should -Be ((Get-SyntaxText $cmd $set) -replace '\s+', ' ').Trim()
        }
    }

    It 'has at least two examples per page, nearly all of them runnable' -ForEach @(@{ Names = $commandNames; All = @($examples) }) {
        foreach ($n in $Names) {
            @($All | Where-Object Command -eq $n).Count | Should -BeGreaterOrEqual 2 -Because $n
        }
        @($All | Where-Object NoRun).Count | Should -BeLessThan (@($All).Count / 4)
    }
}

Describe 'Code in the docs' {
    It 'parses without syntax errors, including examples that need a real tenant and the about topic' {
        $blocks = foreach ($f in Get-ChildItem $script:DocsPath -Filter *.md) {
            $body = $null
            foreach ($line in (Get-Content -LiteralPath $f.FullName)) {
                if ($null -ne $body) {
                    if ($line.Trim() -eq '```') { [pscustomobject]@{ File = $f.Name; Code = ($body -join "`n") }; $body = $null } else { $body += , $line }
                }
                elseif ($line -match '^```powershell\s*$') { $body = @() }
            }
        }
        @($blocks).Count | Should -BeGreaterThan 25
        foreach ($b in $blocks) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($b.Code, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because "$($b.File): $($b.Code)"
        }
    }
}

Describe 'New-SecuConnectHelp.ps1' {
    It 'fails with a list of problems when docs and cmdlets drift, and writes no help' {
        $module = Join-Path $TestDrive 'module'
        $docs = Join-Path $TestDrive 'docs'
        Copy-Item $script:ModuleDir $module -Recurse
        if (Test-Path (Join-Path $module 'en-US')) { Remove-Item (Join-Path $module 'en-US') -Recurse -Force }
        Copy-Item $script:DocsPath $docs -Recurse
        Remove-Item (Join-Path $docs 'Disconnect-SecuConnect.md')
        Set-Content (Join-Path $docs 'Get-SecuInvoice.md') "# Get-SecuInvoice"
        $get = Join-Path $docs 'Get-SecuCustomer.md'
        (Get-Content $get -Raw) -replace '(### -Filter\r?\n)[^\r\n]+', '$1{{ Fill Filter Description }}' | Set-Content $get
        $set = Join-Path $docs 'Set-SecuCustomer.md'
        (Get-Content $set -Raw) -replace '### CommonParameters', "### -Bogus`nNot a parameter.`n`n### CommonParameters" | Set-Content $set
        $remove = Join-Path $docs 'Remove-SecuCustomer.md'
        (Get-Content $remove -Raw) -replace '\[-Force\] ', '' | Set-Content $remove

        $output = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script:Generator -ModulePath $module -DocsPath $docs 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 1
        $output | Should -Match 'Disconnect-SecuConnect: no page'
        $output | Should -Match 'Get-SecuInvoice.*does not export'
        $output | Should -Match 'Get-SecuCustomer: contains a "\{\{" placeholder'
        $output | Should -Match 'Set-SecuCustomer: documents -Bogus'
        $output | Should -Match "Remove-SecuCustomer: SYNTAX 'Id' differs"
        Join-Path $module 'en-US/SecuConnect.dll-Help.xml' | Should -Not -Exist
    }
}

Describe 'Examples in the docs' {
    BeforeAll {
        $script:sb = Start-SecuSandbox
        $script:base = $sb.BaseUri.TrimEnd('/')

        # A line of an output block as a pattern: columns may be wider or narrower (runs of spaces and of dashes
        # match any run), and what changes from run to run (ids, dates, times) matches its shape, not its value.
        $script:shapes = @(
            'PCU_[0-9A-Z]{30}'
            'PCT_[0-9A-Z]{30}'
            '\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?'
            '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)? [+-]\d{2}:\d{2}'
        )
        function ConvertTo-ShownLinePattern([string] $Line) {
            # Split with a capturing group: the changing parts stand at the odd indexes.
            $parts = [regex]::Split($Line, "($($script:shapes -join '|'))")
            $pattern = for ($k = 0; $k -lt $parts.Count; $k++) {
                if ($k % 2) { $script:shapes | Where-Object { $parts[$k] -match "^(?:$_)$" } | Select-Object -First 1 }
                else { [regex]::Escape($parts[$k]) -replace '(?:\\ )+', '\s+' -replace '-{2,}', '-+' }
            }
            '^' + (-join $pattern) + '$'
        }
        # The lines a user sees, without blank lines and trailing spaces.
        function Get-ShownLines([string] $Text) { @($Text -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ }) }
    }
    AfterAll {
        Stop-SecuSandbox $script:sb
    }

    It '<Command>: <Title>' -ForEach $runnableExamples {
        $Shown | Should -Not -BeNullOrEmpty -Because 'every runnable example shows what it writes in an output block'
        Reset-Sandbox $sb
        # The docs use the sandbox's default address; this run uses the test's sandbox instead. The example runs in a
        # host that records what it is given to show (What if: lines), with its output formatted as a console shows it.
        $code = $Code -replace 'http://127\.0\.0\.1:5080', $base
        $script = "Set-Location -LiteralPath '$TestDrive'`n`$ErrorActionPreference = 'Stop'`n& {`n$code`n} | Out-String -Width 120"
        $run = Invoke-RecordingHost $sb ([scriptblock]::Create($script))
        $run.Errors | Should -BeNullOrEmpty
        $run.Warnings | Should -BeNullOrEmpty

        $actual = Get-ShownLines ((@($run.Lines) + @($run.Output)) -join "`n")
        $expected = Get-ShownLines ($Shown -replace 'http://127\.0\.0\.1:5080', $base)
        $because = "the page shows:`n$($expected -join "`n")`nbut the example writes:`n$($actual -join "`n")`n"
        $actual.Count | Should -Be $expected.Count -Because $because
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $actual[$i] | Should -Match (ConvertTo-ShownLinePattern $expected[$i]) -Because $because
        }
    }
}
