<#
.SYNOPSIS
    Builds the SecuConnect help from docs/en-US and fails when the docs and the cmdlets drift apart.
.DESCRIPTION
    Imports the module from -ModulePath by full path, reads the platyPS-format markdown in -DocsPath and writes
      <ModulePath>/en-US/SecuConnect.dll-Help.xml     (MAML: syntax and parameter metadata from Get-Command,
                                                       text from the markdown)
      <ModulePath>/en-US/about_SecuConnect.help.txt   (plain text from about_SecuConnect.help.md)
    Before writing anything it checks the docs against the cmdlets: a page for every exported cmdlet and none for
    any other, every parameter documented and no extra one, SYNTAX blocks equal to the syntax platyPS would render
    from Get-Command, parameter metadata (type, sets, aliases, required, position, pipeline input) as the cmdlet
    declares it, the mandatory sections filled, and no "{{" placeholder or ProgressAction anywhere. Any problem is
    listed and the script exits with code 1, so the build fails.

    Runs in its own pwsh process (a binary module cannot be reloaded), with no network and no third-party parser:
    the markdown layout is fixed by platyPS schema 2.0.0, and this small parser reads exactly that layout.

    Conventions in the pages, which tests/Help.Tests.ps1 relies on when it runs every example against a sandbox:
      - Examples connect to the sandbox as http://127.0.0.1:5080 (./build.ps1 sandbox); the test substitutes its own.
      - "<!-- no-run -->" on the line before an example's code block marks code that needs a real tenant.
      - A ```output block after the code shows sample output; the test then requires the example to write some.
        In the MAML it is part of the remarks, never of the code, so an example's code always parses and runs.
.EXAMPLE
    pwsh -NoProfile -File tools/New-SecuConnectHelp.ps1 -ModulePath out/SecuConnect -DocsPath docs/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$NsMSHelp = 'http://msdn.microsoft.com/mshelp'
# The syntax rules: which parameters are common, the wrap width, the rendering of SYNTAX blocks.
. (Join-Path $PSScriptRoot 'HelpSyntax.ps1')

#region Markdown reading

# Splits a markdown file into front matter and a flat list of nodes: Heading, Code and Para (HTML comments dropped).
function Read-MarkdownFile([string] $Path) {
    $text = [System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n"
    $lines = $text.Split("`n")
    $meta = [ordered]@{}
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') {
            if ($lines[$i] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $meta[$Matches[1]] = $Matches[2] }
            $i++
        }
        $i++
    }
    $nodes = [System.Collections.Generic.List[object]]::new()
    $para = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($para.Count -gt 0) {
            $nodes.Add([pscustomobject]@{ Kind = 'Para'; Lines = @($para); Text = ''; Level = 0; Lang = ''; NoRun = $false; Line = $i })
            $para.Clear()
        }
    }
    $pendingNoRun = $false
    while ($i -lt $lines.Count) {
        $line = $lines[$i]
        if ($line -match '^\s*(```+)\s*(.*?)\s*$') {
            . $flush
            $fence = $Matches[1]; $lang = $Matches[2]; $start = $i + 1
            $body = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $lines.Count -and $lines[$i].Trim() -ne $fence) { $body.Add($lines[$i]); $i++ }
            $nodes.Add([pscustomobject]@{ Kind = 'Code'; Lines = @(); Text = ($body -join "`n"); Level = 0; Lang = $lang; NoRun = $pendingNoRun; Line = $start })
            $pendingNoRun = $false
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)\s*$') {
            . $flush
            $nodes.Add([pscustomobject]@{ Kind = 'Heading'; Lines = @(); Text = $Matches[2]; Level = $Matches[1].Length; Lang = ''; NoRun = $false; Line = $i + 1 })
            $pendingNoRun = $false
        }
        elseif ($line -match '^\s*<!--\s*(.*?)\s*-->\s*$') {
            . $flush
            # "<!-- no-run -->" marks the next code block as needing a real tenant: the example test does not run it.
            if ($Matches[1] -eq 'no-run') { $pendingNoRun = $true }
        }
        elseif ($line.Trim() -eq '') { . $flush }
        else { $para.Add($line) }
        $i++
    }
    . $flush
    [pscustomobject]@{ Path = $Path; Meta = $meta; Nodes = $nodes; Raw = $text }
}

# A fenced block an example runs: ```powershell (platyPS writes that language; an untagged block counts too).
# Anything else, such as ```output, is sample output shown beside the code.
function Test-ExampleCode($Node) { $Node.Lang -eq '' -or $Node.Lang -eq 'powershell' }

# Markdown escapes platyPS writes (\< \> \[ \] \`) become plain characters in help text.
function ConvertFrom-MarkdownEscape([string] $Text) { $Text -replace '\\([<>\[\]`\\])', '$1' }

# A paragraph node becomes one help paragraph, or one per list item (a list item keeps its marker).
function ConvertTo-HelpParagraph([string[]] $Lines) {
    $out = [System.Collections.Generic.List[string]]::new()
    $current = $null
    foreach ($l in $Lines) {
        $t = $l.Trim()
        if ($t -match '^([-*+]|\d+\.)\s+') {
            if ($null -ne $current) { $out.Add($current) }
            $current = $t
        }
        elseif ($null -eq $current) { $current = $t }
        else { $current = "$current $t" }
    }
    if ($null -ne $current) { $out.Add($current) }
    $out | ForEach-Object { ConvertFrom-MarkdownEscape $_ }
}

function Get-ParaText($Nodes) {
    @($Nodes | Where-Object Kind -eq 'Para' | ForEach-Object { ConvertTo-HelpParagraph $_.Lines })
}

function ConvertFrom-YamlBlock([string] $Text) {
    $h = [ordered]@{}
    foreach ($l in $Text.Split("`n")) {
        if ($l -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $h[$Matches[1]] = $Matches[2] }
    }
    $h
}

# Reads a cmdlet page into sections: SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES,
# RELATED LINKS, each holding its nodes; H3 headings split SYNTAX, EXAMPLES, PARAMETERS, INPUTS and OUTPUTS.
function Read-CommandPage([string] $Path) {
    $md = Read-MarkdownFile $Path
    $page = [ordered]@{
        Path = $Path; Meta = $md.Meta; Raw = $md.Raw; Name = $null
        Sections = [ordered]@{}
        Syntax = [System.Collections.Generic.List[object]]::new()
        Examples = [System.Collections.Generic.List[object]]::new()
        Parameters = [ordered]@{}
        HasCommonParameters = $false
        Inputs = [System.Collections.Generic.List[object]]::new()
        Outputs = [System.Collections.Generic.List[object]]::new()
        Links = [System.Collections.Generic.List[object]]::new()
    }
    $section = $null; $sub = $null; $item = $null
    foreach ($n in $md.Nodes) {
        if ($n.Kind -eq 'Heading') {
            switch ($n.Level) {
                1 { $page.Name = $n.Text; $section = $null; $sub = $null; $item = $null }
                2 {
                    $section = $n.Text.ToUpperInvariant(); $sub = $null; $item = $null
                    $page.Sections[$section] = [System.Collections.Generic.List[object]]::new()
                }
                default {
                    $sub = $n.Text
                    switch ($section) {
                        'SYNTAX' { $item = $null }
                        'EXAMPLES' {
                            $item = [pscustomobject]@{
                                Title = $n.Text; Code = [System.Collections.Generic.List[object]]::new(); Paras = [System.Collections.Generic.List[string]]::new()
                                Remarks = [System.Collections.Generic.List[string]]::new(); Line = $n.Line
                            }
                            $page.Examples.Add($item)
                        }
                        'PARAMETERS' {
                            if ($n.Text -eq 'CommonParameters') { $page.HasCommonParameters = $true; $item = $null }
                            else {
                                $pname = $n.Text.TrimStart('-')
                                $item = [pscustomobject]@{ Name = $pname; Heading = $n.Text; Paras = [System.Collections.Generic.List[string]]::new(); Yaml = [System.Collections.Generic.List[object]]::new(); Duplicate = $page.Parameters.Contains($pname) }
                                $page.Parameters[$pname] = $item
                            }
                        }
                        { $_ -in 'INPUTS', 'OUTPUTS' } {
                            $item = [pscustomobject]@{ Type = $n.Text; Paras = [System.Collections.Generic.List[string]]::new() }
                            if ($section -eq 'INPUTS') { $page.Inputs.Add($item) } else { $page.Outputs.Add($item) }
                        }
                    }
                }
            }
            continue
        }
        if ($null -eq $section) { continue }
        $page.Sections[$section].Add($n)
        switch ($section) {
            'SYNTAX' {
                if ($n.Kind -eq 'Code') {
                    $setName = $sub; $isDefault = $false
                    if ($setName -and $setName -match '^(.*?)\s*\(Default\)$') { $setName = $Matches[1]; $isDefault = $true }
                    $page.Syntax.Add([pscustomobject]@{ SetName = $setName; IsDefault = $isDefault; Text = $n.Text })
                }
            }
            'EXAMPLES' {
                if ($null -ne $item) {
                    # Code to run and what it prints stay apart, as in the page: the MAML code holds only the
                    # PowerShell blocks, so a whole example pasted from Get-Help parses and runs; sample output
                    # (an ```output block) goes to the remarks, in page order, before the explanation that follows it.
                    if ($n.Kind -eq 'Code') {
                        $item.Code.Add($n)
                        if (-not (Test-ExampleCode $n)) { $item.Remarks.Add($n.Text) }
                    }
                    elseif ($n.Kind -eq 'Para') { foreach ($p in ConvertTo-HelpParagraph $n.Lines) { $item.Paras.Add($p); $item.Remarks.Add($p) } }
                }
            }
            'PARAMETERS' {
                if ($null -ne $item) {
                    if ($n.Kind -eq 'Code' -and $n.Lang -eq 'yaml') { $item.Yaml.Add((ConvertFrom-YamlBlock $n.Text)) }
                    elseif ($n.Kind -eq 'Para') { foreach ($p in ConvertTo-HelpParagraph $n.Lines) { $item.Paras.Add($p) } }
                }
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                if ($null -ne $item -and $n.Kind -eq 'Para') { foreach ($p in ConvertTo-HelpParagraph $n.Lines) { $item.Paras.Add($p) } }
            }
            'RELATED LINKS' {
                if ($n.Kind -eq 'Para') {
                    foreach ($l in $n.Lines) {
                        $t = $l.Trim() -replace '^[-*]\s+', ''
                        if ($t -match '^\[(.+?)\]\((.*?)\)$') { $page.Links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] }) }
                        elseif ($t) { $page.Links.Add([pscustomobject]@{ Text = $t; Uri = '' }) }
                    }
                }
            }
        }
    }
    [pscustomobject] $page
}

#endregion

#region Command metadata (what platyPS would render from Get-Command)

function Get-PipelineString($Parameter) {
    if ($Parameter.ValueFromPipeline) {
        if ($Parameter.ValueFromPipelineByPropertyName) { 'True (ByPropertyName, ByValue)' } else { 'True (ByValue)' }
    }
    elseif ($Parameter.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Get-PositionString($Parameter) {
    if ($Parameter.Position -lt 0) { 'Named' } else { [string] $Parameter.Position }
}

function Get-AcceptedValue($Parameter) {
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $t = $Parameter.ParameterType
    if ($t.IsArray) { $t = $t.GetElementType() }
    if ($t.Name -eq 'Nullable`1') { $t = $t.GenericTypeArguments[0] }
    if ($t.IsEnum) { return @([enum]::GetNames($t)) }
    @()
}

function Test-Wildcard($Parameter) {
    [bool] ($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
}

function Get-NormalizedText([string] $Text) { ($Text -replace '\s+', ' ').Trim() }

# One entry per parameter: the metadata platyPS takes for the PARAMETERS section, default set first.
function Get-ParameterModel($Command) {
    $sets = @($Command.ParameterSets)
    $ordered = @($sets | Where-Object IsDefault) + @($sets | Where-Object { -not $_.IsDefault })
    $model = [ordered]@{}
    foreach ($set in $ordered) {
        foreach ($p in Get-DocumentedParameter $set) {
            if (-not $model.Contains($p.Name)) {
                $model[$p.Name] = [pscustomobject]@{
                    Name = $p.Name; Type = Get-TypeString $p.ParameterType; Aliases = @($p.Aliases)
                    Required = $p.IsMandatory; Position = Get-PositionString $p; Pipeline = Get-PipelineString $p
                    Globbing = Test-Wildcard $p; Accepted = @(Get-AcceptedValue $p)
                    PerSet = [System.Collections.Generic.List[object]]::new()
                }
            }
            $model[$p.Name].PerSet.Add([pscustomobject]@{
                    Set = $set.Name; Required = $p.IsMandatory; Position = Get-PositionString $p; Pipeline = Get-PipelineString $p })
        }
    }
    $model
}

#endregion

#region Checks

function Test-CommandPage($Command, $Page, [System.Collections.Generic.List[string]] $Problems) {
    $name = $Command.Name
    $add = { param($m) $Problems.Add("${name}: $m") }

    if ($Page.Raw -match '\{\{') { & $add 'contains a "{{" placeholder' }
    if ($Page.Raw -match 'ProgressAction') { & $add 'mentions ProgressAction (a common parameter, never documented)' }
    $expectedMeta = @{ 'external help file' = (Split-Path $Command.HelpFile -Leaf); 'Module Name' = $Command.ModuleName; 'schema' = '2.0.0' }
    foreach ($k in $expectedMeta.Keys) {
        if (-not $Page.Meta.Contains($k)) { & $add "front matter lacks '$k'" }
        elseif ($Page.Meta[$k] -ne $expectedMeta[$k]) { & $add "front matter '$k' is '$($Page.Meta[$k])', expected '$($expectedMeta[$k])'" }
    }
    if (-not $Page.Meta.Contains('online version')) { & $add "front matter lacks 'online version'" }
    if ($Page.Name -ne $name) { & $add "title is '# $($Page.Name)', expected '# $name'" }

    foreach ($s in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
        if (-not $Page.Sections.Contains($s)) { & $add "section '## $s' is missing" }
    }
    foreach ($s in 'SYNOPSIS', 'DESCRIPTION') {
        if ($Page.Sections.Contains($s) -and -not (Get-ParaText $Page.Sections[$s])) { & $add "section '## $s' is empty" }
    }
    if ($Page.Inputs.Count -eq 0) { & $add "'## INPUTS' names no type" }
    if ($Page.Outputs.Count -eq 0) { & $add "'## OUTPUTS' names no type" }

    # Examples: at least two, each with a title, PowerShell code and an explanation.
    if ($Page.Examples.Count -lt 2) { & $add "has $($Page.Examples.Count) example(s), at least 2 needed" }
    $n = 0
    foreach ($e in $Page.Examples) {
        $n++
        if ($e.Title -notmatch "^Example $n\b") { & $add "example heading '$($e.Title)' should start with 'Example $n'" }
        if (-not @($e.Code | Where-Object Lang -eq 'powershell')) { & $add "example '$($e.Title)' has no powershell code block" }
        if ($e.Paras.Count -eq 0) { & $add "example '$($e.Title)' has no explanation" }
    }

    # SYNTAX: one block per parameter set, equal to what platyPS renders from Get-Command.
    $sets = @($Command.ParameterSets)
    if ($sets.Count -eq 1) {
        if ($Page.Syntax.Count -ne 1) { & $add "SYNTAX has $($Page.Syntax.Count) blocks, expected 1" }
        elseif ((Get-NormalizedText $Page.Syntax[0].Text) -ne (Get-NormalizedText (Get-SyntaxText $Command $sets[0]))) {
            & $add "SYNTAX differs from the cmdlet. Expected:`n$(Get-SyntaxText $Command $sets[0])"
        }
    }
    else {
        foreach ($set in $sets) {
            $block = @($Page.Syntax | Where-Object SetName -eq $set.Name)
            $expected = Get-SyntaxText $Command $set
            if ($block.Count -ne 1) { & $add "SYNTAX needs one block '### $($set.Name)$(if ($set.IsDefault) { ' (Default)' })', found $($block.Count). Expected:`n$expected"; continue }
            if ($block[0].IsDefault -ne $set.IsDefault) { & $add "SYNTAX '### $($set.Name)': '(Default)' marker should be $(if ($set.IsDefault) { 'present' } else { 'absent' })" }
            if ((Get-NormalizedText $block[0].Text) -ne (Get-NormalizedText $expected)) { & $add "SYNTAX '$($set.Name)' differs from the cmdlet. Expected:`n$expected" }
        }
        foreach ($b in $Page.Syntax) {
            if ($b.SetName -notin $sets.Name) { & $add "SYNTAX block '$($b.SetName)' names no parameter set of the cmdlet" }
        }
    }

    # PARAMETERS: the same names as the cmdlet, each with text and metadata that matches.
    $model = Get-ParameterModel $Command
    foreach ($pn in $model.Keys) {
        if (-not $Page.Parameters.Contains($pn)) { & $add "parameter -$pn is not documented"; continue }
        $doc = $Page.Parameters[$pn]; $m = $model[$pn]
        if ($doc.Heading -cne "-$pn") { & $add "parameter heading '### $($doc.Heading)' should be '### -$pn'" }
        if ($doc.Paras.Count -eq 0) { & $add "parameter -$pn has no description" }
        if ($doc.Duplicate) { & $add "parameter -$pn is documented twice" }
        if ($doc.Yaml.Count -eq 0) { & $add "parameter -$pn has no yaml block"; continue }
        $expectedGroups = @($m.PerSet | Group-Object { "$($_.Required)|$($_.Position)|$($_.Pipeline)" } | ForEach-Object {
                $names = if ($sets.Count -eq 1 -or $_.Count -eq $sets.Count) { '(All)' } else { (@($_.Group.Set) | Sort-Object) -join ', ' }
                "$names|$($_.Name)"
            } | Sort-Object)
        $docGroups = @(foreach ($y in $doc.Yaml) {
                $ySets = if ($y['Parameter Sets'] -eq '(All)') { '(All)' } else { (@($y['Parameter Sets'] -split '\s*,\s*') | Sort-Object) -join ', ' }
                "$ySets|$($y['Required'])|$($y['Position'])|$($y['Accept pipeline input'])"
                if ($y['Type'] -ne $m.Type) { & $add "parameter -$pn Type is '$($y['Type'])', expected '$($m.Type)'" }
                $yAliases = @(if ($y['Aliases']) { $y['Aliases'] -split '\s*,\s*' })
                if ((@($yAliases | Sort-Object) -join ',') -ne (@($m.Aliases | Sort-Object) -join ',')) {
                    & $add "parameter -$pn Aliases are '$($y['Aliases'])', expected '$($m.Aliases -join ', ')'"
                }
                $yAccepted = @(if ($y.Contains('Accepted values')) { $y['Accepted values'] -split '\s*,\s*' })
                if (($yAccepted -join ',') -ne ($m.Accepted -join ',')) {
                    & $add "parameter -$pn Accepted values are '$($yAccepted -join ', ')', expected '$($m.Accepted -join ', ')'"
                }
                if ($y['Accept wildcard characters'] -ne [string] $m.Globbing) {
                    & $add "parameter -$pn Accept wildcard characters is '$($y['Accept wildcard characters'])', expected '$($m.Globbing)'"
                }
                if (-not $y['Default value']) { & $add "parameter -$pn yaml lacks 'Default value'" }
            })
        $docGroups = @($docGroups | Sort-Object)
        if (($docGroups -join ';') -ne ($expectedGroups -join ';')) {
            & $add "parameter -$pn sets/required/position/pipeline are '$($docGroups -join '; ')', expected '$($expectedGroups -join '; ')'"
        }
    }
    foreach ($pn in $Page.Parameters.Keys) {
        if (-not $model.Contains($pn)) { & $add "documents -$pn, which the cmdlet does not have" }
    }
    if (-not $Page.HasCommonParameters) { & $add "'### CommonParameters' is missing" }
}

#endregion

#region MAML writing

function Write-Paras([System.Xml.XmlWriter] $W, [string[]] $Paras) {
    foreach ($p in $Paras) { $W.WriteElementString('maml', 'para', $NsMaml, $p) }
}

function Write-MamlParameter([System.Xml.XmlWriter] $W, $P, [string[]] $Description, [bool] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $NsCommand)
    $W.WriteAttributeString('required', $P.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $P.Type.EndsWith('[]').ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $P.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $P.Pipeline)
    $W.WriteAttributeString('position', $P.Position.ToLowerInvariant())
    $W.WriteAttributeString('aliases', $(if ($P.Aliases.Count) { $P.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $NsMaml, $P.Name)
    $W.WriteStartElement('maml', 'Description', $NsMaml); Write-Paras $W $Description; $W.WriteEndElement()
    if ($InSyntax -and $P.Accepted.Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $NsCommand)
        foreach ($v in $P.Accepted) {
            $W.WriteStartElement('command', 'parameterValue', $NsCommand)
            $W.WriteAttributeString('required', 'false'); $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    $isSwitch = $P.Type -eq 'SwitchParameter'
    # platyPS quirk kept: a switch shows no value in the syntax.
    if (-not ($InSyntax -and $isSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $NsCommand)
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($P.Type); $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $NsDev)
    $W.WriteElementString('maml', 'name', $NsMaml, $P.Type); $W.WriteElementString('maml', 'uri', $NsMaml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $NsDev, $(if ($P.PSObject.Properties['Default'] -and $P.Default) { $P.Default } else { 'None' }))
    $W.WriteEndElement()
}

function Write-MamlCommand([System.Xml.XmlWriter] $W, $Command, $Page) {
    $W.WriteStartElement('command', 'command', $NsCommand)
    $W.WriteAttributeString('xmlns', 'maml', $null, $NsMaml)
    $W.WriteAttributeString('xmlns', 'command', $null, $NsCommand)
    $W.WriteAttributeString('xmlns', 'dev', $null, $NsDev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, $NsMSHelp)

    $W.WriteStartElement('command', 'details', $NsCommand)
    $W.WriteElementString('command', 'name', $NsCommand, $Command.Name)
    $W.WriteElementString('command', 'verb', $NsCommand, $Command.Verb)
    $W.WriteElementString('command', 'noun', $NsCommand, $Command.Noun)
    $W.WriteStartElement('maml', 'description', $NsMaml); Write-Paras $W (Get-ParaText $Page.Sections['SYNOPSIS']); $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'description', $NsMaml); Write-Paras $W (Get-ParaText $Page.Sections['DESCRIPTION']); $W.WriteEndElement()

    $model = Get-ParameterModel $Command
    $describe = { param($n) @($Page.Parameters[$n].Paras) }
    $defaultOf = { param($n) $y = $Page.Parameters[$n].Yaml | Select-Object -First 1; if ($y -and $y['Default value'] -and $y['Default value'] -ne 'None') { $y['Default value'] } }

    $W.WriteStartElement('command', 'syntax', $NsCommand)
    foreach ($set in $Command.ParameterSets) {
        $W.WriteStartElement('command', 'syntaxItem', $NsCommand)
        $W.WriteElementString('maml', 'name', $NsMaml, $Command.Name)
        foreach ($p in Get-DocumentedParameter $set) {
            $m = $model[$p.Name]
            $inSet = [pscustomobject]@{
                Name = $p.Name; Type = $m.Type; Aliases = $m.Aliases; Required = $p.IsMandatory; Position = Get-PositionString $p
                Pipeline = Get-PipelineString $p; Globbing = $m.Globbing; Accepted = $m.Accepted; Default = & $defaultOf $p.Name
            }
            Write-MamlParameter $W $inSet (& $describe $p.Name) $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # Parameters in the order the page lists them (alphabetical, as platyPS writes new pages).
    $W.WriteStartElement('command', 'parameters', $NsCommand)
    foreach ($n in $Page.Parameters.Keys) {
        $m = $model[$n]
        $m | Add-Member -NotePropertyName Default -NotePropertyValue (& $defaultOf $n) -Force
        Write-MamlParameter $W $m (& $describe $n) $false
    }
    $W.WriteEndElement()

    foreach ($pair in @(@('inputTypes', 'inputType', $Page.Inputs), @('returnValues', 'returnValue', $Page.Outputs))) {
        $W.WriteStartElement('command', $pair[0], $NsCommand)
        foreach ($io in $pair[2]) {
            $W.WriteStartElement('command', $pair[1], $NsCommand)
            $W.WriteStartElement('dev', 'type', $NsDev); $W.WriteElementString('maml', 'name', $NsMaml, (ConvertFrom-MarkdownEscape $io.Type)); $W.WriteEndElement()
            $W.WriteStartElement('maml', 'description', $NsMaml); Write-Paras $W @($io.Paras); $W.WriteEndElement()
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $notes = Get-ParaText $Page.Sections['NOTES']
    $W.WriteStartElement('maml', 'alertSet', $NsMaml)
    $W.WriteStartElement('maml', 'alert', $NsMaml); Write-Paras $W $notes; $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $NsCommand)
    foreach ($e in $Page.Examples) {
        $W.WriteStartElement('command', 'example', $NsCommand)
        $W.WriteElementString('maml', 'title', $NsMaml, "---------- $($e.Title) ----------")
        $W.WriteElementString('dev', 'code', $NsDev, (@($e.Code | Where-Object { Test-ExampleCode $_ } | ForEach-Object Text) -join "`n`n"))
        # Sample output and explanation, in page order. The trailing empty paragraph keeps a blank line between one
        # example's remarks and the next title.
        $W.WriteStartElement('dev', 'remarks', $NsDev); Write-Paras $W (@($e.Remarks) + ''); $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $NsCommand)
    $online = $Page.Meta['online version']
    if ($online) { $links = @([pscustomobject]@{ Text = 'Online Version:'; Uri = $online }) + @($Page.Links) } else { $links = @($Page.Links) }
    foreach ($l in $links) {
        $W.WriteStartElement('maml', 'navigationLink', $NsMaml)
        $W.WriteElementString('maml', 'linkText', $NsMaml, $l.Text)
        # A relative link to another page means nothing to Get-Help: the link text alone names the topic.
        $uri = if ([uri]::IsWellFormedUriString($l.Uri, [UriKind]::Absolute)) { $l.Uri } else { '' }
        $W.WriteElementString('maml', 'uri', $NsMaml, $uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

#endregion

#region About topic

function Format-Wrapped([string] $Text, [int] $Indent, [int] $Width = 80, [int] $HangingIndent = 0) {
    $pad = ' ' * $Indent
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        $prefix = if ($lines.Count -eq 0) { $pad } else { ' ' * ($Indent + $HangingIndent) }
        if ($line -and ($prefix.Length + $line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($prefix + $line); $line = $word
        }
        elseif ($line) { $line = "$line $word" } else { $line = $word }
    }
    if ($line) { $lines.Add($(if ($lines.Count -eq 0) { $pad } else { ' ' * ($Indent + $HangingIndent) }) + $line) }
    $lines -join "`n"
}

# about_*.help.md (platyPS about template: "# Topic name", "## about_Name", then "# SHORT DESCRIPTION", "# LONG
# DESCRIPTION" and subtopics) to the plain-text layout platyPS renders: headings in capitals, text indented by four
# and wrapped at 80 columns, code indented further.
function ConvertTo-AboutText([string] $Path, [System.Collections.Generic.List[string]] $Problems) {
    $md = Read-MarkdownFile $Path
    $topic = [System.IO.Path]::GetFileName($Path) -replace '\.help\.md$', ''
    if ($md.Raw -match '\{\{') { $Problems.Add("${topic}: contains a `"{{`" placeholder") }
    $nodes = @($md.Nodes)
    if ($nodes.Count -lt 2 -or $nodes[0].Kind -ne 'Heading' -or $nodes[0].Level -ne 1 -or
        $nodes[1].Kind -ne 'Heading' -or $nodes[1].Level -ne 2 -or $nodes[1].Text -ne $topic) {
        $Problems.Add("${topic}: must start with '# <topic title>' and '## $topic'")
    }
    foreach ($s in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if (-not ($nodes | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 -and $_.Text -eq $s })) { $Problems.Add("${topic}: section '# $s' is missing") }
    }
    $out = [System.Collections.Generic.List[string]]::new()
    for ($i = 0; $i -lt $nodes.Count; $i++) {
        $n = $nodes[$i]
        switch ($n.Kind) {
            'Heading' {
                if ($i -eq 0) { $out.Add('TOPIC') }
                elseif ($i -eq 1 -and $n.Level -eq 2) { $out.Add("    $($n.Text.ToLowerInvariant())"); $out.Add('') }
                else {
                    if ($out.Count -and $out[$out.Count - 1] -ne '') { $out.Add('') }
                    switch ($n.Level) {
                        1 { $out.Add($n.Text.ToUpperInvariant()) }
                        2 { $out.Add((ConvertFrom-MarkdownEscape $n.Text)) }
                        default { $out.Add("    $((ConvertFrom-MarkdownEscape $n.Text).ToUpperInvariant())") }
                    }
                }
            }
            'Para' {
                foreach ($p in ConvertTo-HelpParagraph $n.Lines) {
                    $p = $p -replace '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)'
                    if ($p -match '^([-*+]|\d+\.)\s+(.*)$') {
                        $marker = if ($Matches[1] -match '^\d') { $Matches[1] } else { '-' }
                        $out.Add((Format-Wrapped "$marker $($Matches[2])" 4 -HangingIndent ($marker.Length + 1)))
                    }
                    else { $out.Add((Format-Wrapped $p 4)); $out.Add('') }
                }
                if ($out[$out.Count - 1] -ne '') { $out.Add('') }
            }
            'Code' {
                foreach ($l in $n.Text.Split("`n")) { $out.Add(("        $l").TrimEnd()) }
                $out.Add('')
            }
        }
    }
    (($out -join [Environment]::NewLine).TrimEnd()) + [Environment]::NewLine
}

#endregion

$problems = [System.Collections.Generic.List[string]]::new()
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$manifest = Get-ChildItem -LiteralPath $ModulePath -Filter *.psd1 | Select-Object -First 1
if (-not $manifest) { throw "No module manifest in $ModulePath." }
$module = Import-Module $manifest.FullName -PassThru -WarningAction SilentlyContinue
$commands = @($module.ExportedCmdlets.Values + $module.ExportedFunctions.Values | Sort-Object Name)
if ($commands.Count -eq 0) { throw "Module $($module.Name) exports no command." }

$pages = @{}
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter *.md | Where-Object Name -notlike 'about_*') {
    $page = Read-CommandPage $file.FullName
    $pages[$file.BaseName] = $page
}
foreach ($c in $commands) {
    if (-not $pages.ContainsKey($c.Name)) { $problems.Add("$($c.Name): no page $($c.Name).md in $DocsPath"); continue }
    Test-CommandPage $c $pages[$c.Name] $problems
}
foreach ($n in $pages.Keys) {
    if ($n -notin $commands.Name) { $problems.Add("${n}: $n.md documents a command the module does not export") }
}
$abouts = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.help.md')
$aboutTexts = @{}
foreach ($a in $abouts) { $aboutTexts[($a.Name -replace '\.md$', '.txt')] = ConvertTo-AboutText $a.FullName $problems }
if ($abouts.Count -eq 0) { $problems.Add("no about_$($module.Name).help.md in $DocsPath") }

if ($problems.Count -gt 0) {
    Write-Host "Help for $($module.Name) is out of date with its cmdlets ($($problems.Count) problem(s)):" -ForegroundColor Red
    foreach ($p in $problems) { Write-Host "  - $($p -replace "`n", "`n      ")" }
    Write-Host "Fix the pages in $DocsPath." -ForegroundColor Red
    exit 1
}

$outDir = Join-Path $ModulePath 'en-US'
$null = New-Item -ItemType Directory -Path $outDir -Force
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$helpFiles = $commands | Group-Object { Split-Path $_.HelpFile -Leaf }
foreach ($g in $helpFiles) {
    $xmlPath = Join-Path $outDir $g.Name
    $w = [System.Xml.XmlWriter]::Create($xmlPath, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($c in $g.Group) { Write-MamlCommand $w $c $pages[$c.Name] }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
    Write-Host "help: $xmlPath ($($g.Count) commands)"
}
foreach ($k in $aboutTexts.Keys) {
    $p = Join-Path $outDir $k
    [System.IO.File]::WriteAllText($p, $aboutTexts[$k], [System.Text.UTF8Encoding]::new($false))
    Write-Host "help: $p"
}
exit 0
