# The public command surface, read through Get-Command: exports, parameter sets, binding, aliases, ShouldProcess.

BeforeDiscovery {
    $script:FieldParams = 'Forename', 'Surname', 'CompanyName', 'Salutation', 'Gender', 'Title', 'Email', 'Phone', 'Mobile',
    'Fax', 'DateOfBirth', 'Picture', 'Website', 'Birthplace', 'Nationality', 'Street', 'StreetNumber', 'PostalCode', 'City',
    'Country', 'AdditionalAddressData', 'AddressType'
    $script:FieldCases = foreach ($cmd in 'New-SecuCustomer', 'Set-SecuCustomer') {
        foreach ($p in $script:FieldParams) { @{ Command = $cmd; Param = $p } }
    }
    $aliases = @{
        FirstName = 'Forename'; LastName = 'Surname'; Company = 'CompanyName'; Dob = 'DateOfBirth'; url_website = 'Website'
        street_number = 'StreetNumber'; postal_code = 'PostalCode'; Zip = 'PostalCode'; ZipCode = 'PostalCode'
        additional_address_data = 'AdditionalAddressData'; address_type = 'AddressType'; GivenName = 'Forename'
        FamilyName = 'Surname'; EmailAddress = 'Email'; Mail = 'Email'; MobilePhone = 'Mobile'; PostCode = 'PostalCode'; Town = 'City'
    }
    $script:AliasCases = foreach ($cmd in 'New-SecuCustomer', 'Set-SecuCustomer') {
        foreach ($a in $aliases.GetEnumerator()) { @{ Command = $cmd; Alias = $a.Key; Param = $a.Value } }
    }
    $script:Sets = @(
        @{ Command = 'Connect-SecuConnect'; Sets = 'AccessToken', 'ClientSecret', 'Credential'; Default = 'Credential' }
        @{ Command = 'Get-SecuCustomer'; Sets = 'Id', 'List'; Default = 'List' }
        @{ Command = 'New-SecuCustomer'; Sets = '__AllParameterSets'; Default = $null }
        @{ Command = 'Remove-SecuCustomer'; Sets = 'Id', 'InputObject'; Default = 'Id' }
        @{ Command = 'Invoke-SecuConnectRequest'; Sets = 'Object', 'OutFile', 'Raw'; Default = 'Object' }
    )
    $script:Mandatory = @(
        @{ Command = 'Connect-SecuConnect'; Param = 'ClientId'; Set = 'ClientSecret' }
        @{ Command = 'Connect-SecuConnect'; Param = 'ClientSecret'; Set = 'ClientSecret' }
        @{ Command = 'Connect-SecuConnect'; Param = 'Credential'; Set = 'Credential' }
        @{ Command = 'Connect-SecuConnect'; Param = 'AccessToken'; Set = 'AccessToken' }
        @{ Command = 'Get-SecuCustomer'; Param = 'Id'; Set = 'Id' }
        @{ Command = 'Set-SecuCustomer'; Param = 'Id'; Set = 'Id' }
        @{ Command = 'Set-SecuCustomer'; Param = 'InputObject'; Set = 'InputObject' }
        @{ Command = 'Remove-SecuCustomer'; Param = 'Id'; Set = 'Id' }
        @{ Command = 'Remove-SecuCustomer'; Param = 'InputObject'; Set = 'InputObject' }
        @{ Command = 'Invoke-SecuConnectRequest'; Param = 'Raw'; Set = 'Raw' }
        @{ Command = 'Invoke-SecuConnectRequest'; Param = 'OutFile'; Set = 'OutFile' }
    )
    $script:Pipeline = @(
        @{ Command = 'Get-SecuCustomer'; Param = 'Id'; ByValue = $true; ByName = $true }
        @{ Command = 'Set-SecuCustomer'; Param = 'Id'; ByValue = $true; ByName = $false }
        @{ Command = 'Remove-SecuCustomer'; Param = 'Id'; ByValue = $true; ByName = $false }
        @{ Command = 'New-SecuCustomer'; Param = 'InputObject'; ByValue = $true; ByName = $false }
        @{ Command = 'Set-SecuCustomer'; Param = 'InputObject'; ByValue = $true; ByName = $false }
        @{ Command = 'Remove-SecuCustomer'; Param = 'InputObject'; ByValue = $true; ByName = $false }
        @{ Command = 'New-SecuCustomer'; Param = 'Contact'; ByValue = $false; ByName = $false }
    )
    $script:Impact = @(
        @{ Command = 'New-SecuCustomer'; Impact = 'Low' }
        @{ Command = 'Set-SecuCustomer'; Impact = 'Medium' }
        @{ Command = 'Remove-SecuCustomer'; Impact = 'High' }
        @{ Command = 'Invoke-SecuConnectRequest'; Impact = 'Medium' }
    )
    $script:Classes = @(
        @{ Command = 'Connect-SecuConnect'; Class = 'ConnectSecuConnectCommand' }
        @{ Command = 'Disconnect-SecuConnect'; Class = 'DisconnectSecuConnectCommand' }
        @{ Command = 'Get-SecuConnectContext'; Class = 'GetSecuConnectContextCommand' }
        @{ Command = 'Get-SecuCustomer'; Class = 'GetSecuCustomerCommand' }
        @{ Command = 'New-SecuCustomer'; Class = 'NewSecuCustomerCommand' }
        @{ Command = 'Set-SecuCustomer'; Class = 'SetSecuCustomerCommand' }
        @{ Command = 'Remove-SecuCustomer'; Class = 'RemoveSecuCustomerCommand' }
        @{ Command = 'Invoke-SecuConnectRequest'; Class = 'InvokeSecuConnectRequestCommand' }
    )
    $script:CustomerCommands = @('Get-SecuCustomer', 'New-SecuCustomer', 'Set-SecuCustomer', 'Remove-SecuCustomer') | ForEach-Object { @{ Command = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SecuConnect.TestHelpers.psm1') -Force
    $script:modulePath = Get-SecuModulePath
    Import-Module $script:modulePath
    $script:manifest = Import-PowerShellDataFile -LiteralPath $script:modulePath

    function Get-CmdletAttribute([string] $Name) {
        (Get-Command $Name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
    }
    function Get-ParamAttribute([string] $Command, [string] $Param) {
        (Get-Command $Command).Parameters[$Param].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
    }
}

Describe 'Exports' {
    It 'exports exactly the manifest''s CmdletsToExport and nothing else' {
        $module = Get-Module SecuConnect
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        @($module.ExportedFunctions.Keys).Count | Should -Be 0
        @($module.ExportedAliases.Keys).Count | Should -Be 0
        @(Get-Command -Module SecuConnect).Count | Should -Be @($manifest.CmdletsToExport).Count
    }

    It '<Command> is the sealed class SecuConnect.Commands.<Class>' -ForEach $Classes {
        $type = (Get-Command $Command).ImplementingType
        $type.FullName | Should -Be "SecuConnect.Commands.$Class"
        $type.IsSealed | Should -BeTrue
    }
}

Describe 'Parameter sets' {
    It '<Command> has the sets <Sets> with <Default> as default' -ForEach $Sets {
        $cmd = Get-Command $Command
        @($cmd.ParameterSets.Name | Sort-Object) | Should -Be $Sets
        $cmd.DefaultParameterSet | Should -Be $Default
    }

    It 'Set-SecuCustomer has the Id and InputObject sets with Id as default' {
        $cmd = Get-Command Set-SecuCustomer
        $cmd.ParameterSets.Name | Should -Contain 'Id'
        $cmd.ParameterSets.Name | Should -Contain 'InputObject'
        $cmd.DefaultParameterSet | Should -Be 'Id'
    }

    It '<Command> -<Param> is mandatory in the <Set> set' -ForEach $Mandatory {
        $attr = Get-ParamAttribute $Command $Param | Where-Object ParameterSetName -EQ $Set
        $attr | Should -Not -BeNullOrEmpty
        $attr.Mandatory | Should -BeTrue
    }

    It 'New-SecuCustomer has one set: -Contact is optional and the field parameters override it' {
        $cmd = Get-Command New-SecuCustomer
        $cmd.ParameterSets.Count | Should -Be 1
        $cmd.Parameters.Contact.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Mandatory | Should -BeFalse
        $cmd.ParameterSets[0].Parameters.Name | Should -Contain 'Forename'
    }

    It 'Set-SecuCustomer and Remove-SecuCustomer take several ids' {
        (Get-Command Set-SecuCustomer).Parameters.Id.ParameterType | Should -Be ([string[]])
        (Get-Command Remove-SecuCustomer).Parameters.Id.ParameterType | Should -Be ([string[]])
    }

    It 'Get-SecuCustomer lists with -Filter, -Sort, -Property and -PageSize (1 to 1000) and supports paging' {
        $cmd = Get-Command Get-SecuCustomer
        $list = $cmd.ParameterSets | Where-Object Name -EQ 'List'
        foreach ($p in 'Filter', 'Sort', 'Property', 'PageSize', 'First', 'Skip', 'IncludeTotalCount') { $list.Parameters.Name | Should -Contain $p }
        $cmd.Parameters.Property.ParameterType | Should -Be ([string[]])
        $range = $cmd.Parameters.PageSize.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $range.MinRange | Should -Be 1
        $range.MaxRange | Should -Be 1000
        (Get-CmdletAttribute Get-SecuCustomer).SupportsPaging | Should -BeTrue
        $cmd.Parameters.Id.ParameterType | Should -Be ([string[]])
    }

    It 'Connect-SecuConnect takes -Environment Production|Testing, -BaseUri and -PassThru' {
        $cmd = Get-Command Connect-SecuConnect
        $envType = $cmd.Parameters.Environment.ParameterType
        $envType.IsEnum | Should -BeTrue
        $envType.FullName | Should -Be 'SecuConnect.SecuEnvironment'
        @([enum]::GetNames($envType)) | Should -Be 'Production', 'Testing'
        $cmd.Parameters.BaseUri.ParameterType | Should -Be ([uri])
        $cmd.Parameters.PassThru.SwitchParameter | Should -BeTrue
        $cmd.Parameters.Credential.ParameterType | Should -Be ([pscredential])
        $cmd.Parameters.Credential.Attributes | Where-Object { $_ -is [System.Management.Automation.CredentialAttribute] } | Should -Not -BeNullOrEmpty
    }

    It '<Command> takes -Connection' -ForEach $CustomerCommands {
        (Get-Command $Command).Parameters.Keys | Should -Contain 'Connection'
    }

    It 'Set and Remove have -PassThru, Remove has -Force, Set has -Clear' {
        (Get-Command Set-SecuCustomer).Parameters.PassThru.SwitchParameter | Should -BeTrue
        (Get-Command Remove-SecuCustomer).Parameters.PassThru.SwitchParameter | Should -BeTrue
        (Get-Command Remove-SecuCustomer).Parameters.Force.SwitchParameter | Should -BeTrue
        (Get-Command Set-SecuCustomer).Parameters.Clear.ParameterType | Should -Be ([string[]])
    }
}

Describe 'Pipeline binding' {
    It '<Command> -<Param>: by value <ByValue>, by property name <ByName>' -ForEach $Pipeline {
        $attrs = @(Get-ParamAttribute $Command $Param)
        $attrs | Should -Not -BeNullOrEmpty
        [bool]($attrs | Where-Object ValueFromPipeline) | Should -Be $ByValue
        [bool]($attrs | Where-Object ValueFromPipelineByPropertyName) | Should -Be $ByName
    }

    It '<Command> -<Param> is for the command line: a piped record binds whole to -InputObject' -ForEach $FieldCases {
        $cmd = Get-Command $Command
        $cmd.Parameters.Keys | Should -Contain $Param
        $expectedType = if ($Param -eq 'DateOfBirth') { [object] } else { [string] }
        $cmd.Parameters[$Param].ParameterType | Should -Be $expectedType
        @(Get-ParamAttribute $Command $Param | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count | Should -Be 0
    }

    It 'Set-SecuCustomer binds no read-only property of a piped customer' {
        $cmd = Get-Command Set-SecuCustomer
        foreach ($name in 'Name', 'Created', 'Updated', 'ContractId', 'MerchantId', 'AdditionalProperties', 'Contact') {
            $bound = $cmd.Parameters.Values | Where-Object { ($_.Name -eq $name -or $_.Aliases -contains $name) -and
                ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }) }
            $bound | Should -BeNullOrEmpty -Because "$name is read-only"
        }
    }
}

Describe 'Aliases' {
    It '<Command> -<Param> has the alias <Alias>' -ForEach $AliasCases {
        (Get-Command $Command).Parameters[$Param].Aliases | Should -Contain $Alias
    }

    It 'no alias of <Command> repeats a parameter name or another alias' -ForEach $CustomerCommands {
        $names = foreach ($p in (Get-Command $Command).Parameters.Values) { $p.Name; $p.Aliases }
        $dupes = $names | Group-Object { $_.ToLowerInvariant() } | Where-Object Count -GT 1
        $dupes | Should -BeNullOrEmpty
    }
}

Describe 'ShouldProcess and output' {
    It '<Command> supports ShouldProcess with ConfirmImpact <Impact>' -ForEach $Impact {
        $attr = Get-CmdletAttribute $Command
        $attr.SupportsShouldProcess | Should -BeTrue
        "$($attr.ConfirmImpact)" | Should -Be $Impact
        (Get-Command $Command).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It '<Command> declares OutputType SecuConnect.Customer' -ForEach $CustomerCommands {
        (Get-Command $Command).OutputType.Name | Should -Contain 'SecuConnect.Customer'
    }

    It 'Invoke-SecuConnectRequest declares PSObject output, takes -Connection and no pipeline input' {
        $cmd = Get-Command Invoke-SecuConnectRequest
        $cmd.OutputType.Type | Should -Contain ([psobject])
        $cmd.Parameters.Keys | Should -Contain 'Connection'
        foreach ($p in $cmd.Parameters.Values) {
            $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } |
                Should -BeNullOrEmpty -Because "-$($p.Name) takes no pipeline input"
        }
    }

    It 'Invoke-SecuConnectRequest takes -Method (GET by default) first and -Path (alias -Uri) second, and -All only without -Raw and -OutFile' {
        $cmd = Get-Command Invoke-SecuConnectRequest
        (Get-ParamAttribute Invoke-SecuConnectRequest Method).Position | Should -Be 0
        (Get-ParamAttribute Invoke-SecuConnectRequest Method).Mandatory | Should -BeFalse
        (Get-ParamAttribute Invoke-SecuConnectRequest Path).Position | Should -Be 1
        (Get-ParamAttribute Invoke-SecuConnectRequest Path).Mandatory | Should -BeFalse -Because 'a lone positional value binds to -Method and is the path when it is no method'
        $cmd.Parameters.Path.Aliases | Should -Be 'Uri'
        foreach ($name in 'Method', 'Path') {
            ($cmd.Parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Type.Name | Should -Be 'RequestPathCompleter'
        }
        $cmd.Parameters.Query.ParameterType | Should -Be ([System.Collections.IDictionary])
        $cmd.Parameters.Headers.ParameterType | Should -Be ([System.Collections.IDictionary])
        $cmd.Parameters.Body.ParameterType | Should -Be ([object])
        foreach ($name in 'ContentType', 'StatusCodeVariable', 'ResponseHeadersVariable', 'OutFile') { $cmd.Parameters[$name].ParameterType | Should -Be ([string]) }
        @($cmd.Parameters.All.ParameterSets.Keys) | Should -Be 'Object'
        @($cmd.Parameters.OutputType.ParameterSets.Keys) | Should -Be 'Object'
        $set = $cmd.Parameters.OutputType.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        @($set.ValidValues) | Should -Be 'PSObject', 'Hashtable', 'Json'
        $cmd.OutputType.Type | Should -Contain ([System.Collections.Specialized.OrderedDictionary])
        $cmd.Parameters.Raw.SwitchParameter | Should -BeTrue
    }

    It 'Get-SecuCustomer changes nothing, so it has no -WhatIf' {
        (Get-CmdletAttribute Get-SecuCustomer).SupportsShouldProcess | Should -BeFalse
    }
}

Describe 'Secrets' {
    It 'has no [string] parameter named like a secret in any command' {
        foreach ($cmd in Get-Command -Module SecuConnect) {
            foreach ($p in $cmd.Parameters.Values) {
                if ($p.Name -match 'secret|password|token|apikey|key$' -and -not $p.SwitchParameter) {
                    $p.ParameterType | Should -Not -Be ([string]) -Because "$($cmd.Name) -$($p.Name) would hold a secret in plain text"
                    $p.ParameterType | Should -Not -Be ([string[]]) -Because "$($cmd.Name) -$($p.Name) would hold a secret in plain text"
                }
            }
        }
    }

    It 'takes -ClientSecret and -AccessToken as SecureString' {
        $cmd = Get-Command Connect-SecuConnect
        $cmd.Parameters.ClientSecret.ParameterType | Should -Be ([securestring])
        $cmd.Parameters.AccessToken.ParameterType | Should -Be ([securestring])
    }
}
