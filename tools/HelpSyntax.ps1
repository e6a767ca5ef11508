# The SYNTAX text platyPS renders from Get-Command: one implementation, dot-sourced by the help generator
# (tools/New-SecuConnectHelp.ps1) and the help tests (tests/Help.Tests.ps1).

# platyPS wraps SYNTAX lines at this width.
$SyntaxWidth = 110
# Parameters platyPS leaves out of SYNTAX and PARAMETERS (CommonParameters covers them); ProgressAction is
# a common parameter since PowerShell 7.4 and must never be documented as the cmdlet's own.
$CommonNames = [System.Collections.Generic.HashSet[string]]::new([string[]] @(
        [System.Management.Automation.Cmdlet]::CommonParameters + 'ProgressAction'), [StringComparer]::OrdinalIgnoreCase)

function Get-TypeString([type] $Type) {
    if ($Type.Name -eq 'Nullable`1') { return $Type.GenericTypeArguments[0].Name }
    if ($Type.IsGenericType) { return $Type.ToString() }
    $Type.Name
}

function Get-DocumentedParameter($ParameterSet) {
    $ParameterSet.Parameters | Where-Object { -not $CommonNames.Contains($_.Name) }
}

# The SYNTAX text platyPS 0.14 renders for one parameter set (MarkdownV2Renderer.GetSyntaxString).
function Get-SyntaxText($Command, $ParameterSet) {
    $parts = foreach ($p in Get-DocumentedParameter $ParameterSet) {
        $type = Get-TypeString $p.ParameterType
        if ($type -eq 'SwitchParameter') { "[-$($p.Name)]" }
        else {
            $s = "-$($p.Name)"
            if ($p.Position -ge 0) { $s = "[$s]" }
            $s = "$s <$type>"
            if (-not $p.IsMandatory) { $s = "[$s]" }
            $s
        }
    }
    $parts = @($parts) + '[<CommonParameters>]'
    $sb = [System.Text.StringBuilder]::new($Command.Name)
    $lineStart = 0
    foreach ($s in $parts) {
        if ($sb.Length - $lineStart + $s.Length -gt $SyntaxWidth) {
            $null = $sb.Append("`n")
            $lineStart = $sb.Length
        }
        $null = $sb.Append(" $s")
    }
    $sb.ToString()
}
