# The classifier of tools/Measure-BulkProfile.ps1 (tools/bench/BulkProfile.psm1): frames as `perf script` prints
# them go to the rows of docs/performance.md's profile table. No perf needed; the module's type names are checked
# against the built assembly, so a rename cannot silently move the module's code to another row.

BeforeDiscovery {
    $jit = 'JIT compiler (tiered compilation: PowerShell, .NET, the module)'
    $engine = 'PowerShell: parameter binding, pipeline, engine'
    $csv = 'PowerShell: Import-Csv'
    $http = 'HTTP send and receive (System.Net.Http, sockets, loopback TCP)'
    $pipeline = 'module: request pipeline (SecuClient, RequestSender, token, timeout)'
    $parsing = 'module: answer parsing (ResponseReader, ModelJson)'
    $validation = 'module: validation and wire values (dates, countries, merge)'
    $record = 'module: reading the input record (RecordFields)'
    $body = 'module: JSON body (ModelJson.Serialize, SentBody)'
    $bulk = 'module: bulk bookkeeping (BulkRun, waiting for calls)'
    $logging = 'module: logging (Verbose lines)'
    $output = 'module: output object, ProcessRecord, ShouldProcess'
    $script:frames = @(
        @{ Frame = '[unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libclrjit.so)'; Category = $jit }
        @{ Frame = 'instance bool [System.Management.Automation] System.Management.Automation.CmdletParameterBinderController::BindUnboundParametersForBindingState(class System.Management.Automation.PSObject,uint32)[InstrumentedTierOptimized] (/tmp/perf-25870.map)'; Category = $engine }
        @{ Frame = '[unknown] (/work/out/pwsh-r2r/System.Management.Automation.dll)'; Category = $engine }
        @{ Frame = 'void [Anonymously Hosted DynamicMethods Assembly] dynamicClass::<ScriptBlock>(System.Runtime.CompilerServices.Closure)[Optimized] (/tmp/perf-25870.map)'; Category = $engine }
        @{ Frame = '[unknown] (/work/out/pwsh-r2r/Microsoft.PowerShell.Commands.Utility.dll)'; Category = $csv }
        @{ Frame = 'instance void [Microsoft.PowerShell.Commands.Utility] Microsoft.PowerShell.Commands.ImportCsvHelper::Import(class System.Collections.Generic.IList`1<string>,string)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $csv }
        @{ Frame = 'instance class System.Threading.Tasks.ValueTask`1 [System.Net.Http] System.Net.Http.HttpConnection+<SendAsync>d__57::MoveNext()[OptimizedTier1] (/tmp/perf-1.map)'; Category = $http }
        @{ Frame = '[unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Net.Sockets.dll)'; Category = $http }
        @{ Frame = 'tcp_sendmsg_locked ([kernel.kallsyms])'; Category = $http }
        @{ Frame = 'schedule ([kernel.kallsyms])'; Category = $null }
        @{ Frame = '[unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so)'; Category = $null }
        @{ Frame = 'instance !0 [System.Private.CoreLib] System.Collections.Generic.List`1[System.__Canon]::get_Item(int32)[InstrumentedTierOptimized] (/tmp/perf-1.map)'; Category = $null }
        @{ Frame = 'instance void [System.Private.CoreLib] System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1[SecuConnect.Customers.PaymentCustomer]::SetResult(!0)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $null }
        @{ Frame = 'instance bool [Newtonsoft.Json] Newtonsoft.Json.JsonTextReader::ParseValue()[OptimizedTier1] (/tmp/perf-1.map)'; Category = $null }
        @{ Frame = 'stub ReportStubBlock<VSD_ResolveStub> (/tmp/perf-1.map)'; Category = $null }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Core.RequestSender+<SendWithRetriesAsync>d__5`1[System.__Canon]::MoveNext()[OptimizedTier1] (/tmp/perf-1.map)'; Category = $pipeline }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Customers.SecuClient+<CreateCustomerAsync>d__16::MoveNext()[OptimizedTier1] (/tmp/perf-1.map)'; Category = $pipeline }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.SecuConnection+<GetAccessTokenAsync>d__68::MoveNext()[Tier0] (/tmp/perf-1.map)'; Category = $pipeline }
        @{ Frame = 'string [SecuConnect] SecuConnect.Customers.ModelJson::Serialize(class SecuConnect.Customers.PaymentCustomerRequest)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $body }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Core.SentBody+<SerializeToStreamAsync>d__6::MoveNext()[Tier0] (/tmp/perf-1.map)'; Category = $body }
        @{ Frame = 'class SecuConnect.Customers.Contact [SecuConnect] SecuConnect.Customers.ModelJson::ReadContactBody(class Newtonsoft.Json.JsonReader,bool,class SecuConnect.Core.ShapeNotes&)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $parsing }
        @{ Frame = 'class SecuConnect.Customers.PaymentCustomer [SecuConnect] SecuConnect.Customers.SecuClient::ReadCustomer(class System.IO.Stream)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $parsing }
        @{ Frame = 'instance bool [SecuConnect] SecuConnect.Core.JsonMemberMap`1[System.__Canon]::TryRead(class Newtonsoft.Json.JsonReader,!0)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $parsing }
        @{ Frame = 'string [SecuConnect] SecuConnect.Customers.DateOfBirthParser::ToWire(object)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $validation }
        @{ Frame = 'class SecuConnect.Customers.Contact [SecuConnect] SecuConnect.Customers.ContactMerger::Merge(class SecuConnect.Customers.Contact,string[],string[])[OptimizedTier1] (/tmp/perf-1.map)'; Category = $validation }
        @{ Frame = 'instance object[] [SecuConnect] SecuConnect.Commands.CustomerFieldsCmdlet::RecordFields(class System.Management.Automation.PSObject,bool,bool&,class SecuConnect.Commands.ReadOnlyInput&)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $record }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Core.BulkRun::Submit(class SecuConnect.Core.BulkRun+CallEntry)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $bulk }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Commands.SecuBulkCmdlet::SecuConnect.Core.IBulkRunOutput.WaitFor(class System.Threading.Tasks.Task)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $bulk }
        @{ Frame = 'instance class System.Threading.Tasks.Task`1<!!0> [SecuConnect] SecuConnect.Commands.SecuBulkCmdlet+<>c__DisplayClass27_0`1[System.__Canon]::<Submit>b__0(class SecuConnect.Core.ApiCall)[Tier0] (/tmp/perf-1.map)'; Category = $bulk }
        @{ Frame = 'string [SecuConnect] SecuConnect.Core.LogMasker::MaskUrl(string)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $logging }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Commands.SecuCmdlet::DrainLog(class SecuConnect.Core.ApiLogQueue)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $logging }
        @{ Frame = 'instance bool [SecuConnect] SecuConnect.Commands.SecuBulkCmdlet::ShouldSend(string,string,string,class System.Func`1<string>)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $output }
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Commands.NewSecuCustomerCommand::ProcessRecord()[OptimizedTier1] (/tmp/perf-1.map)'; Category = $output }
        @{ Frame = 'class SecuConnect.Customer [SecuConnect] SecuConnect.Commands.CustomerOutput::Create(class SecuConnect.Customers.PaymentCustomer)[OptimizedTier1] (/tmp/perf-1.map)'; Category = $output }
        # A type the rules do not name goes by its namespace.
        @{ Frame = 'instance void [SecuConnect] SecuConnect.Core.SomeNewHelper::Run()[Tier0] (/tmp/perf-1.map)'; Category = $pipeline }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../tools/bench/BulkProfile.psm1') -Force
    $script:runtime = 'Runtime: thread-pool and task waits, async plumbing, GC, other native'
    $script:parsing = 'module: answer parsing (ResponseReader, ModelJson)'
    $script:jit = 'JIT compiler (tiered compilation: PowerShell, .NET, the module)'
}

Describe 'The bulk profile''s classifier' {
    It 'puts <Frame> in <Category>' -ForEach $frames {
        Get-FrameCategory $Frame | Should -Be $Category
    }

    It 'gives a sample the first category from its leaf up, and the runtime''s when no frame has one' {
        $coreLib = 'instance !0 [System.Private.CoreLib] System.Collections.Generic.List`1[System.__Canon]::get_Item(int32)[OptimizedTier1] (/tmp/perf-1.map)'
        $newtonsoft = 'instance bool [Newtonsoft.Json] Newtonsoft.Json.JsonTextReader::ParseValue()[OptimizedTier1] (/tmp/perf-1.map)'
        $readField = 'void [SecuConnect] SecuConnect.Customers.ModelJson::ReadField(class Newtonsoft.Json.JsonReader)[OptimizedTier1] (/tmp/perf-1.map)'
        $binder = '[unknown] (/work/out/pwsh-r2r/System.Management.Automation.dll)'
        Get-SampleCategory @($coreLib, $newtonsoft, $readField, $binder) | Should -Be $parsing
        Get-SampleCategory @('[unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libclrjit.so)', $readField) | Should -Be $jit
        Get-SampleCategory @('futex_wait ([kernel.kallsyms])', $coreLib, '[unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so)') | Should -Be $runtime
    }

    It 'counts the samples of perf script text by category, every row present' {
        $text = @(
            'pwsh 100/101 21751.141540354: '
            "`t    7f01 [unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so)"
            "`t    7f02 void [SecuConnect] SecuConnect.Customers.ModelJson::ReadField(class Newtonsoft.Json.JsonReader)[OptimizedTier1] (/tmp/perf-100.map)"
            "`t    7f03 [unknown] (/work/out/pwsh-r2r/System.Management.Automation.dll)"
            ''
            '.NET TP Worker 100/102 21751.142540354: '
            "`tffffffff81000001 futex_wait ([kernel.kallsyms])"
            ''
            '.NET Tiered Com 100/103 21751.143540354: '
            "`t    7f04 [unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libclrjit.so)"
        ) -join "`n"
        $counts = Measure-PerfScript ([System.IO.StringReader]::new($text))
        $counts.Total | Should -Be 3
        $counts[$parsing] | Should -Be 1
        $counts[$runtime] | Should -Be 1
        $counts[$jit] | Should -Be 1
        @($counts.Keys) | Should -Be (@($Categories) + 'Total')
    }

    It 'writes the table of docs/performance.md: shares per window and the module''s rows together' {
        $a = [ordered]@{}; foreach ($c in $Categories) { $a[$c] = 0 }
        $a[$jit] = 3; $a[$parsing] = 1; $a['module: logging (Verbose lines)'] = 1; $a.Total = 8
        $b = [ordered]@{}; foreach ($c in $Categories) { $b[$c] = 0 }
        $b.Total = 0
        $lines = @(Format-ProfileTable @([pscustomobject]@{ Title = 'default, first 8'; Counts = $a }, [pscustomobject]@{ Title = 'default, settled'; Counts = $b }))
        $lines[0] | Should -Be '| Where the CPU goes | default, first 8 | default, settled |'
        $lines[1] | Should -Be '|---|---|---|'
        $lines | Should -Contain "| $jit | 38% | n/a |"
        $lines | Should -Contain "| $parsing | 13% | n/a |"
        $lines[-1] | Should -Be "| *the module's own code, together* | 25% | n/a |"
        $lines.Count | Should -Be ($Categories.Count + 3)
    }

    It 'names only types the built module has' {
        $dll = Join-Path $PSScriptRoot '../out/SecuConnect/SecuConnect.dll'
        Test-Path -LiteralPath $dll | Should -BeTrue -Because 'the module is built first (./build.ps1 build)'
        $stream = [System.IO.File]::OpenRead($dll)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $types = foreach ($h in $md.TypeDefinitions) {
                $t = $md.GetTypeDefinition($h)
                "$($md.GetString($t.Namespace)).$($md.GetString($t.Name) -replace '`\d+$', '')"
            }
            $pe.Dispose()
        }
        finally { $stream.Dispose() }
        $named = @(Get-BulkProfileModuleType)
        $named.Count | Should -BeGreaterThan 40
        @($named | Where-Object { $_ -notin $types }) | Should -BeNullOrEmpty
    }
}

Describe 'Measure-BulkProfile.ps1' {
    It 'says what it needs when perf is missing, or the platform is not Linux' {
        $empty = New-Item -ItemType Directory (Join-Path $TestDrive 'no-perf')
        $script = Join-Path $PSScriptRoot '../tools/Measure-BulkProfile.ps1'
        $pwsh = Join-Path $PSHOME 'pwsh'
        $saved = $env:PATH
        try {
            $env:PATH = $empty.FullName
            $out = & $pwsh -NoProfile -NonInteractive -Command "try { & '$script' } catch { 'FAILED: ' + `$_.Exception.Message }" 2>&1
        }
        finally { $env:PATH = $saved }
        "$out" | Should -BeLike $(if ($IsLinux) { 'FAILED: perf was not found on PATH. Install it*' } else { 'FAILED: Measure-BulkProfile needs Linux*' })
    }
}
