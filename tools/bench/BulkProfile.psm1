# The classifier of tools/Measure-BulkProfile.ps1: puts each CPU sample of `perf script` into one row of the table of
# docs/performance.md ("Profile of the bulk create"). A sample goes to the first category found walking its stack
# from the leaf up; frames of no category (CoreLib, Newtonsoft.Json, libcoreclr, the kernel's scheduler, stubs) pass
# the sample on to their caller, and a sample with no categorized frame at all is the runtime's.
# Frames are perf's text: "<symbol> (<dso>)". Managed frames named by the runtime's perf map read
# "<return type> [<assembly>] <Namespace.Type>[/<Nested>]::<Method>(<signature>)[<tier>]"; precompiled (ReadyToRun)
# code has no name, "[unknown] (/path/Assembly.dll)", and is known by its file only.

$script:Jit = 'JIT compiler (tiered compilation: PowerShell, .NET, the module)'
$script:Engine = 'PowerShell: parameter binding, pipeline, engine'
$script:ImportCsv = 'PowerShell: Import-Csv'
$script:Http = 'HTTP send and receive (System.Net.Http, sockets, loopback TCP)'
$script:Runtime = 'Runtime: thread-pool and task waits, async plumbing, GC, other native'
$script:Pipeline = 'module: request pipeline (SecuClient, RequestSender, token, timeout)'
$script:Parsing = 'module: answer parsing (ResponseReader, ModelJson)'
$script:Validation = 'module: validation and wire values (dates, countries, merge)'
$script:RecordInput = 'module: reading the input record (RecordFields)'
$script:Body = 'module: JSON body (ModelJson.Serialize, SentBody)'
$script:Bulk = 'module: bulk bookkeeping (BulkRun, waiting for calls)'
$script:Logging = 'module: logging (Verbose lines)'
$script:Output = 'module: output object, ProcessRecord, ShouldProcess'
$script:ModuleTotal = "*the module's own code, together*"

# The table's rows, in its order.
$script:Categories = @($Jit, $Engine, $ImportCsv, $Http, $Runtime, $Pipeline, $Parsing, $Validation, $RecordInput, $Body, $Bulk, $Logging, $Output)

# The module's own code by type (full name; nested types, async state machines and lambdas count as their outer
# type) and, where one type serves two rows, by method (an async method's state machine and a lambda count as the
# method they were written in). First match wins. Types the rules do not name go by namespace (the last rules), so a
# new type lands somewhere sensible; tests/BulkProfile.Tests.ps1 checks that every type named here still exists.
$script:ModuleRules = @(
    @{ Category = $Body; Types = 'SecuConnect.Customers.ModelJson'; Method = '^(Serialize|WriteContact|Write|WriteUnknown)$' }
    @{ Category = $Body; Types = 'SecuConnect.Customers.SecuClient'; Method = '^WithBody$' }
    @{ Category = $Body; Types = 'SecuConnect.Core.KeptToken'; Method = '^WriteTo$' }
    @{ Category = $Body; Types = 'SecuConnect.Core.SentBody', 'SecuConnect.Customers.PaymentCustomerRequest', 'SecuConnect.Containers.BankAccount' }
    @{ Category = $Parsing; Types = 'SecuConnect.Customers.SecuClient'; Method = '^(ReadCustomer|ReadDeleted|ReadList|Noted)$' }
    @{ Category = $Parsing; Types = 'SecuConnect.Customers.ModelJson', 'SecuConnect.Customers.PaymentCustomer', 'SecuConnect.Customers.CustomerPage',
        'SecuConnect.Core.ResponseReader', 'SecuConnect.Core.JsonRead', 'SecuConnect.Core.JsonMemberMap', 'SecuConnect.Core.KeptToken',
        'SecuConnect.Core.ShapeNote', 'SecuConnect.Core.ShapeNotes', 'SecuConnect.Core.ShapeWarnings', 'SecuConnect.Core.Timestamps',
        'SecuConnect.Core.SecuJson', 'SecuConnect.Containers.ContainerRecord' }
    @{ Category = $Output; Types = 'SecuConnect.Commands.CustomerFieldsCmdlet'; Method = '^BeginProcessing$' }
    @{ Category = $RecordInput; Types = 'SecuConnect.Commands.CustomerFieldsCmdlet', 'SecuConnect.Commands.UnboundInput', 'SecuConnect.Commands.ReadOnlyInput',
        'SecuConnect.Commands.InputValues', 'SecuConnect.Commands.ExportColumns', 'SecuConnect.Commands.ContainerInput', 'SecuConnect.Commands.RequestInput' }
    @{ Category = $Validation; Types = 'SecuConnect.Customers.DateOfBirthParser', 'SecuConnect.Customers.DateReading', 'SecuConnect.Customers.CountryNames',
        'SecuConnect.Customers.ContactMerger', 'SecuConnect.Customers.CustomerIds', 'SecuConnect.Customers.Contact', 'SecuConnect.Customers.CustomerFields',
        'SecuConnect.Customers.CustomerField', 'SecuConnect.Customers.NumberPosition', 'SecuConnect.Commands.CustomerInput', 'SecuConnect.Commands.UnsettledDate',
        'SecuConnect.Commands.CustomerChange', 'SecuConnect.Commands.RowStamp', 'SecuConnect.Commands.AddressGroup', 'SecuConnect.Commands.StreetSplit',
        'SecuConnect.Containers.IbanRules', 'SecuConnect.Containers.ContainerIds' }
    @{ Category = $Logging; Types = 'SecuConnect.Commands.SecuBulkCmdlet'; Method = '^(WriteLog|WriteVerbose)$' }
    @{ Category = $Output; Types = 'SecuConnect.Commands.SecuBulkCmdlet'; Method = '^(ShouldSend|Performing|get_ConfirmImpactOfCommand)$' }
    @{ Category = $Bulk; Types = 'SecuConnect.Commands.SecuBulkCmdlet', 'SecuConnect.Core.BulkRun', 'SecuConnect.Core.BulkRunSettings', 'SecuConnect.Core.IBulkRunOutput',
        'SecuConnect.BulkSummary' }
    @{ Category = $Logging; Types = 'SecuConnect.Core.ApiLogQueue', 'SecuConnect.Core.ApiLogEntry', 'SecuConnect.Core.ApiLogLevel', 'SecuConnect.Core.LogMasker' }
    @{ Category = $Logging; Types = 'SecuConnect.Commands.SecuCmdlet'; Method = '^(DrainLog|IsVerboseEnabled|IsDebugEnabled|Shows)$' }
    @{ Category = $Pipeline; Types = 'SecuConnect.Customers.SecuClient', 'SecuConnect.Customers.CustomerResource', 'SecuConnect.Containers.ContainerClient',
        'SecuConnect.Containers.ContainerResource', 'SecuConnect.SecuConnection', 'SecuConnect.SecuApiException', 'SecuConnect.SecuErrorKind', 'SecuConnect.SecuEnvironment' }
    @{ Category = $Pipeline; Namespace = 'SecuConnect.Core' }
    @{ Category = $Validation; Namespace = 'SecuConnect.Customers', 'SecuConnect.Containers' }
    @{ Category = $Output; Namespace = 'SecuConnect.Commands', 'SecuConnect' }
)

# Kernel functions of sending and receiving on a socket (loopback TCP included); the scheduler and the futexes are not.
$script:KernelNetwork = '^(__)?(x64_sys_(send|recv)|sys_(send|recv)|sock_|sk_|skb_|tcp_|tcp\d|ip_|ipv4_|inet_|netif_|net_rx|napi_|process_backlog|loopback_|dev_hard_start_xmit|dev_queue_xmit|validate_xmit)'

function Get-ManagedFrame {
    <# The assembly, outer type and method of a perf-map frame, or $null for a frame the runtime did not name. #>
    param([Parameter(Mandatory)] [string] $Symbol)
    if ($Symbol -notmatch '\[(?<asm>[^\[\]]+)\] (?<type>[^\s\[]\S*?)::(?<method>[^(]+)') { return $null }
    $asm = $Matches.asm
    $fullType = $Matches.type
    $method = $Matches.method
    $outer = ($fullType -split '[/+`]', 2)[0]
    $nested = if ($fullType -match '[/+](?<n>[^/+]+)$') { $Matches.n } else { '' }
    if ($method -match '^<(?<m>\w+)>') { $method = $Matches.m }                 # a lambda: <ProcessRecord>b__0
    elseif ($nested -match '^<(?<m>\w+)>d__') { $method = $Matches.m }         # an async state machine's MoveNext
    else { $method = ($method -split '\.')[-1] -replace '\W.*$', '' }         # Interface.Method, generic arity
    [pscustomobject]@{ Assembly = $asm; Type = $outer; Method = $method }
}

function Get-ModuleCategory([string] $Type, [string] $Method) {
    $namespace = $Type.Substring(0, [Math]::Max(0, $Type.LastIndexOf('.')))
    foreach ($rule in $script:ModuleRules) {
        $named = if ($rule.ContainsKey('Types')) { $Type -in $rule.Types } else { $namespace -in $rule.Namespace }
        if ($named -and (-not $rule.ContainsKey('Method') -or $Method -match $rule.Method)) { return $rule.Category }
    }
    $script:Output
}

function Get-BulkProfileModuleType {
    <# Every type of the module the rules name, so a test can check that each still exists. #>
    $script:ModuleRules | Where-Object { $_.ContainsKey('Types') } | ForEach-Object { $_.Types } | Sort-Object -Unique
}

function Get-FrameCategory {
    <# The table row one stack frame belongs to, or $null when the frame passes the sample on to its caller. #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Frame)
    $cut = $Frame.LastIndexOf(' (')
    $symbol = if ($cut -ge 0) { $Frame.Substring(0, $cut) } else { $Frame }
    $dso = if ($cut -ge 0) { $Frame.Substring($cut + 2).TrimEnd(')') } else { '' }
    $file = [System.IO.Path]::GetFileName($dso)

    if ($file -like 'libclrjit*') { return $script:Jit }
    $managed = Get-ManagedFrame $symbol
    if ($managed) {
        $asm = $managed.Assembly
        if ($asm -eq 'SecuConnect') { return Get-ModuleCategory $managed.Type $managed.Method }
        # Of Microsoft.PowerShell.Commands.Utility, this pipeline runs Import-Csv only.
        if ($asm -eq 'Microsoft.PowerShell.Commands.Utility') { return $script:ImportCsv }
        # PowerShell's engine and cmdlets, and its scripts: compiled to expression trees, run as dynamic methods.
        if ($asm -match '^(System\.Management\.Automation|Microsoft\.PowerShell\..+|pwsh|System\.Linq\.Expressions|Anonymously Hosted DynamicMethods Assembly)$') { return $script:Engine }
        if ($asm -match '^System\.Net\.(Http|Sockets|Primitives|Security|NameResolution)$') { return $script:Http }
        return $null
    }
    # Precompiled code without a name: known by its file.

    if ($file -eq 'Microsoft.PowerShell.Commands.Utility.dll') { return $script:ImportCsv }
    if ($file -match '^(System\.Management\.Automation|Microsoft\.PowerShell\..+|pwsh|System\.Linq\.Expressions)\.dll$') { return $script:Engine }
    if ($file -match '^System\.Net\.(Http|Sockets|Primitives|Security|NameResolution)\.dll$') { return $script:Http }
    if ($dso -eq '[kernel.kallsyms]' -and $symbol -match $script:KernelNetwork) { return $script:Http }
    $null
}

function Get-SampleCategory {
    <# The row of one sample: the first category of its frames, leaf first; the runtime's when none has one. #>
    [OutputType([string])]
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [string[]] $Frames)
    foreach ($f in $Frames) {
        $c = Get-FrameCategory $f
        if ($c) { return $c }
    }
    $script:Runtime
}

function Measure-PerfScript {
    <#
    Counts the samples of `perf script` text (a header line per sample, then its frames leaf first, one per
    tab-indented line "<address> <symbol> (<dso>)", then a blank line) by category. Returns an ordered dictionary
    of every row (zero included) and Total.
    #>
    param([Parameter(Mandatory)] [System.IO.TextReader] $Reader)
    $counts = [ordered]@{}
    foreach ($c in $script:Categories) { $counts[$c] = 0 }
    $total = 0
    $known = [System.Collections.Generic.Dictionary[string, string]]::new()
    $inSample = $false
    $category = $null
    while ($true) {
        $line = $Reader.ReadLine()
        if ($null -eq $line -or $line.Length -eq 0 -or -not [char]::IsWhiteSpace($line[0])) {
            if ($inSample) {
                $counts[$(if ($category) { $category } else { $script:Runtime })]++
                $total++
            }
            if ($null -eq $line) { break }
            $inSample = $line.Length -gt 0
            $category = $null
            continue
        }
        if ($category) { continue }
        $t = $line.Trim()
        $space = $t.IndexOf(' ')
        $frame = if ($space -ge 0) { $t.Substring($space + 1) } else { $t }
        $c = $null
        if (-not $known.TryGetValue($frame, [ref] $c)) {
            $c = [string](Get-FrameCategory $frame)
            $known[$frame] = $c
        }
        if ($c) { $category = $c }
    }
    $counts['Total'] = $total
    $counts
}

function Format-ProfileTable {
    <#
    The markdown table of docs/performance.md: one column per window (Title, and Counts from Measure-PerfScript),
    shares of the window's samples in whole percent, and the module's rows together.
    #>
    param([Parameter(Mandatory)] [object[]] $Windows)
    $share = {
        param($count, $total)
        if ($total -le 0) { 'n/a' } else { '{0}%' -f [Math]::Round(100.0 * $count / $total, [MidpointRounding]::AwayFromZero) }
    }
    '| Where the CPU goes | ' + (($Windows | ForEach-Object Title) -join ' | ') + ' |'
    '|---' * ($Windows.Count + 1) + '|'
    foreach ($c in $script:Categories) {
        "| $c | " + (($Windows | ForEach-Object { & $share $_.Counts[$c] $_.Counts.Total }) -join ' | ') + ' |'
    }
    $module = @($script:Categories | Where-Object { $_ -like 'module:*' })
    "| $script:ModuleTotal | " + (($Windows | ForEach-Object {
                $w = $_
                & $share (($module | ForEach-Object { $w.Counts[$_] } | Measure-Object -Sum).Sum) $w.Counts.Total
            }) -join ' | ') + ' |'
}

Export-ModuleMember -Function Get-BulkProfileModuleType, Get-FrameCategory, Get-SampleCategory, Measure-PerfScript, Format-ProfileTable -Variable Categories
