using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Base of New- and Set-SecuCustomer: declares one parameter per field of <see cref="CustomerFields"/> (same
    /// name, the table's aliases; written by the field generator from CustomerFields.table, with their getters) for
    /// the command line, and turns each pipeline record (bound whole to -InputObject) into field values. The field
    /// parameters take no pipeline input: PowerShell's binder would look every one of them up on every record, and
    /// this matcher reads the record anyway. It matches names without regard to case, spaces, hyphens and
    /// underscores, hashtables included, and picks among several columns for one field as the binder did (see
    /// <see cref="Take"/>); properties that match no field are named in one warning per distinct set.
    /// </summary>
    public abstract partial class CustomerFieldsCmdlet : SecuBulkCmdlet
    {
        private protected override string RecordNoun => "customer";

        private protected override string ReadCommand => "Get-SecuCustomer";

        // PSObject's own members (internal in PowerShell 7 and 5.1 alike); null where a PowerShell lacks it, and then
        // PSObject.Properties serves (OutputAndInputTests checks that both read the same properties).
        internal static readonly Func<PSObject, object>? InstanceMembers = InstanceMembersGetter();

        private static Func<PSObject, object>? InstanceMembersGetter()
        {
            var property = typeof(PSObject).GetProperty("InstanceMembers", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
            if (property == null || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) return null;
            return o => property.GetValue(o);
        }

        // How a property's name names its field, best first, as PowerShell's binder ranked them: the parameter's name,
        // then its aliases in declared order; any other name that matches (snake_case, "First Name") ranks last.
        private const int OtherName = int.MaxValue;

        private const int OutputOnlyName = -1;
        private const int UnusedName = -2;
        // Codes at and below this one are the columns of an address book's export, numbered by ExportColumns.IndexOf.
        private const int FirstExportName = -3;

        private bool[]? _fromCommandLine;
        // By property name: its field index (or another code) and its rank.
        private readonly Dictionary<string, KeyValuePair<int, int>> _nameCodes = new Dictionary<string, KeyValuePair<int, int>>(StringComparer.Ordinal);
        private object?[]? _commandLine;
        // Per record: the best-ranked property named as a parameter or alias (its value even when null), by field index.
        private readonly int[] _namedRank = new int[CustomerFields.Count];
        private readonly object?[] _namedValue = new object?[CustomerFields.Count];
        private string? _unreadable;
        private Exception? _unreadableError;
        private readonly HashSet<string> _reportedUnused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<AddressGroup> _reportedGroups = new HashSet<AddressGroup>();
        private string?[]? _exportCells;

        /// <summary>Why the last record read cannot be sent (a country in an export no code is known for); null when it can.</summary>
        private string? RecordProblem { get; set; }

        /// <summary>
        /// The error for the last record read when it cannot be sent: a property whose getter threw (UnreadableProperty),
        /// a country in an export no code is known for (InvalidCountry); null when it can be sent.
        /// </summary>
        private protected ErrorRecord? RecordError(object? target)
        {
            if (_unreadable != null)
            {
                string message = $"Cannot read the input's property '{_unreadable}': {_unreadableError!.Message} No request was sent for this record.";
                return new ErrorRecord(new ExtendedTypeSystemException(message, _unreadableError), ErrorIds.UnreadableProperty, ErrorCategory.ReadError, target)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Fix or remove the property, then pipe the record again." },
                };
            }
            return RecordProblem == null ? null : Errors.Argument(ErrorIds.InvalidCountry, RecordProblem, target, Errors.CountryAdvice);
        }

        protected override void BeginProcessing()
        {
            // Before pipeline input, BoundParameters holds only what the command line gave.
            _fromCommandLine = CustomerFields.All.Select(f => IsBound(f.Name)).ToArray();
            // The field parameters bind from the command line only, so their values hold for every record.
            _commandLine = CustomerFields.All.Select(f => Parameters[f.Index](this)).ToArray();
            base.BeginProcessing();
        }

        /// <summary>True when the command line itself gave this field (it applies to every record).</summary>
        private protected bool FromCommandLine(CustomerField field) => _fromCommandLine![field.Index]; // set in BeginProcessing

        /// <summary>
        /// The field values this record gives, by field index (null = not given). <paramref name="recognized"/> is
        /// false when the record names no field at all. With <paramref name="changesOnly"/>, a customer the module wrote
        /// gives only the properties the user changed since (and the command line's values). <paramref name="readOnly"/>
        /// holds what the record gives for the properties the module never sends (Name, Created, ...).
        /// </summary>
        private protected object?[] RecordFields(PSObject? input, bool changesOnly, out bool recognized, out ReadOnlyInput readOnly)
        {
            var values = new object?[CustomerFields.Count];
            recognized = false;
            readOnly = new ReadOnlyInput();
            RecordProblem = null;
            _unreadable = null;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = _commandLine![i]; // set in BeginProcessing
                if (values[i] != null) recognized = true;
            }
            if (changesOnly && input?.BaseObject is Customer customer)
            {
                recognized = true;
                readOnly.Add("Name", customer.Name);
                readOnly.Add("Created", customer.Created);
                readOnly.Add("Updated", customer.Updated);
                readOnly.Add("ContractId", customer.ContractId);
                readOnly.Add("MerchantId", customer.MerchantId);
                foreach (var field in CustomerFields.All)
                {
                    if (FromCommandLine(field)) continue;
                    object? now = customer[field];
                    values[field.Index] = CustomerInput.SameValue(field, customer.AsRead(field), now) ? null : now;
                }
                return values;
            }
            if (input != null && !(input.BaseObject is string)) recognized |= FillFromObject(values, input, readOnly);
            return values;
        }

        /// <summary>Fills fields no parameter gave from the object's properties (or a hashtable's keys); reports unused names.</summary>
        private bool FillFromObject(object?[] values, PSObject input, ReadOnlyInput readOnly)
        {
            bool any = false;
            List<string>? unused = null;
            _exportCells = null;
            for (int i = 0; i < _namedRank.Length; i++)
            {
                _namedRank[i] = OtherName;
                _namedValue[i] = null;
            }
            if (input.BaseObject is IDictionary dict)
            {
                // Keys rank as other names (the binder never saw them): the first key with a value wins.
                foreach (DictionaryEntry e in dict)
                    any |= Take(values, Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture), e, readOnly, ref unused);
            }
            if ((input.BaseObject is IDictionary || IsPlainObject(input)) && InstanceMembers != null && InstanceMembers(input) is IEnumerable members)
            {
                // A CSV row or [pscustomobject] (or members added to a hashtable): its own properties of every kind,
                // read without PSObject.Properties, which integrates type and adapter members anew for every row.
                foreach (var m in members)
                    if (m is PSPropertyInfo p && IsValueProperty(p)) any |= Take(values, p.Name, p, readOnly, ref unused);
            }
            else if (!(input.BaseObject is IDictionary)) any |= TakeProperties(values, input, readOnly, ref unused);
            if (_unreadable != null) return any;
            for (int i = 0; i < values.Length; i++)
            {
                // The binder bound the best-named property's value, converted to the parameter's type; when that was
                // null, the first property with a value filled the field.
                object? named = _namedValue[i];
                if (_commandLine![i] != null || _namedRank[i] == OtherName || named == null) continue;
                values[i] = CustomerFields.All[i].Kind == FieldKind.Date ? named
                    : InputValues.Unwrap(named) as string ?? LanguagePrimitives.ConvertTo(named, typeof(string), System.Globalization.CultureInfo.InvariantCulture);
            }
            if (_exportCells != null) FillFromExport(values);
            if (unused != null && _reportedUnused.Add(string.Join(",", unused)))
            {
                WriteWarning($"The input's {(unused.Count == 1 ? "property" : "properties")} {string.Join(", ", unused.Select(n => "'" + n + "'"))} " +
                    $"{(unused.Count == 1 ? "matches" : "match")} no customer field and {(unused.Count == 1 ? "was" : "were")} ignored. " +
                    $"Fields: {string.Join(", ", CustomerFields.Names)}.{CustomerInput.DelimiterHint(unused)}");
            }
            return any;
        }

        // A [pscustomobject] with no type name of its own: all its properties are its own members. A deserialized
        // object (Import-Clixml) keeps its properties elsewhere, and a type name can bring members of its type data.
        private static bool IsPlainObject(PSObject input) =>
            input.BaseObject is PSCustomObject && input.TypeNames.Count > 0 && input.TypeNames[0] == PlainTypeName;

        private static readonly string PlainTypeName = typeof(PSCustomObject).FullName!;

        private bool TakeProperties(object?[] values, PSObject input, ReadOnlyInput readOnly, ref List<string>? unused)
        {
            bool any = false;
            foreach (var p in input.Properties)
                if (IsValueProperty(p)) any |= Take(values, p.Name, p, readOnly, ref unused);
            return any;
        }

        // The kinds of property PowerShell's binder reads a value from (not property sets).
        private static bool IsValueProperty(PSPropertyInfo p) =>
            (p.MemberType & (PSMemberTypes.NoteProperty | PSMemberTypes.Property | PSMemberTypes.ScriptProperty | PSMemberTypes.AliasProperty | PSMemberTypes.CodeProperty)) != 0;

        /// <summary>
        /// Takes one named value (a property or a dictionary entry, read only when its name matters): into its field
        /// unless the command line gave that field, or into <paramref name="readOnly"/> for a property the module never
        /// sends; true when the name is a field. When several names give one field, the rule is the binder's: the
        /// property named as the parameter, else the first alias in declared order, gives the value; when it holds
        /// $null (or there is none), the first name in the record's order with a value does.
        /// </summary>
        private bool Take(object?[] values, string name, object source, ReadOnlyInput readOnly, ref List<string>? unused)
        {
            int code = CodeOf(name, out int rank);
            if (code == UnusedName)
            {
                // The warning names the columns it always named: keys, note and .NET properties, not script or alias properties.
                if (!(source is PSPropertyInfo p) || p.MemberType == PSMemberTypes.NoteProperty || p.MemberType == PSMemberTypes.Property)
                    (unused ?? (unused = new List<string>())).Add(name);
                return false;
            }
            if (_unreadable != null || !TryRead(name, source, out object? value)) return code >= 0;
            if (code == OutputOnlyName) readOnly.Add(ReadOnlyInput.CanonicalName(name)!, value); // an output-only name has its canonical one
            if (code <= FirstExportName)
            {
                (_exportCells ?? (_exportCells = new string?[ExportColumns.Count]))[FirstExportName - code] = InputValues.ToText(value);
                return true;
            }
            if (code < 0) return false;
            if (source is PSPropertyInfo && rank < _namedRank[code])
            {
                _namedRank[code] = rank;
                _namedValue[code] = value;
            }
            value = InputValues.Unwrap(value);
            if (values[code] == null && value != null) values[code] = value;
            return true;
        }

        /// <summary>Reads a property's value; a getter that throws marks the record unreadable (an error, never a silent drop).</summary>
        private bool TryRead(string name, object source, out object? value)
        {
            if (source is DictionaryEntry entry)
            {
                value = entry.Value;
                return true;
            }
            try
            {
                value = ((PSPropertyInfo)source).Value;
                return true;
            }
            catch (ExtendedTypeSystemException ex)
            {
                _unreadable = name;
                _unreadableError = ex.InnerException ?? ex;
                value = null;
                return false;
            }
        }

        /// <summary>Fills what the record's export columns give (Outlook's, Google's); names the address group used once per group.</summary>
        private void FillFromExport(object?[] values)
        {
            var group = ExportColumns.Apply(_exportCells!, values, out string? problem); // called only when the record had export cells
            RecordProblem = problem;
            if (group == null || !_reportedGroups.Add(group)) return;
            WriteWarning($"The address comes from the {group.Source} columns of the {group.Name} address " +
                $"({string.Join(", ", group.Columns.Select(c => "'" + c.Column + "'"))}), the first address group with a value; " +
                "a record's other address groups are not read.");
        }

        /// <summary>0 for the field's parameter name, 1 + n for its alias n, else <see cref="OtherName"/>: the binder's order, without regard to case.</summary>
        private static int RankOf(CustomerField field, string name)
        {
            if (string.Equals(name, field.Name, StringComparison.OrdinalIgnoreCase)) return 0;
            int alias = Array.FindIndex(field.Aliases, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            return alias < 0 ? OtherName : alias + 1;
        }

        /// <summary>A field index, or whether the name is output-only or unused; cached, as every row of a CSV repeats the names.</summary>
        private int CodeOf(string name, out int rank)
        {
            if (!_nameCodes.TryGetValue(name, out var known))
            {
                var field = CustomerFields.Find(name);
                int export = field == null ? ExportColumns.IndexOf(name) : -1;
                int code = field != null ? field.Index : export >= 0 ? FirstExportName - export : ReadOnlyInput.CanonicalName(name) != null ? OutputOnlyName : UnusedName;
                known = new KeyValuePair<int, int>(code, field == null ? OtherName : RankOf(field, name));
                _nameCodes[name] = known;
            }
            rank = known.Value;
            return known.Key;
        }
    }
}
