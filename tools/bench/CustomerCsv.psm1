# The customer CSV of the bench and the profile: the 12 columns of an address-book export, one customer per row.

function New-CustomerCsv {
    <# Writes Rows customers to Path, numbered from Offset (John<n>, john<n>@example.com), so runs can keep rows apart. #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [int] $Rows, [int] $Offset = 0)
    $sb = [System.Text.StringBuilder]::new(($Rows + 1) * 180)
    $null = $sb.AppendLine('Salutation,Forename,Surname,CompanyName,Email,Phone,DateOfBirth,Street,StreetNumber,PostalCode,City,Country')
    for ($i = $Offset; $i -lt $Offset + $Rows; $i++) {
        $null = $sb.Append('Mr.,John').Append($i).Append(',Doe,Example Inc.,john').Append($i).Append('@example.com,0049-123-456789,')
        $null = $sb.Append((Get-Date '1950-01-01').AddDays($i % 20000).ToString('yyyy-MM-dd')).AppendLine(',Example Street,6a,01234,Examplecity,DE')
    }
    [System.IO.File]::WriteAllText($Path, $sb.ToString())
}

Export-ModuleMember -Function New-CustomerCsv
