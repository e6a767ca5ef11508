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
    /// name, the table's aliases, bound by property name; written by the field generator from CustomerFields.table,
    /// with their getters) and turns each pipeline record into field values. Piped
    /// objects are also matched by name without regard to case, spaces, hyphens and underscores, hashtables
    /// included; properties that match no field are named in one warning per distinct set.
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

        private const int OutputOnlyName = -1;
        private const int UnusedName = -2;
        // Codes at and below this one are the columns of an address book's export, numbered by ExportColumns.IndexOf.
        private const int FirstExportName = -3;

        private bool[]? _fromCommandLine;
        private readonly Dictionary<string, int> _nameCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly HashSet<string> _reportedUnused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<AddressGroup> _reportedGroups = new HashSet<AddressGroup>();
        private string?[]? _exportCells;

        /// <summary>Why the last record read cannot be sent (a country in an export no code is known for); null when it can.</summary>
        private protected string? RecordProblem { get; private set; }

        protected override void BeginProcessing()
        {
            // Before pipeline input, BoundParameters holds only what the command line gave.
            _fromCommandLine = CustomerFields.All.Select(f => IsBound(f.Name)).ToArray();
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
            // Parameters are read per record, never from BoundParameters, which keeps a value bound from an earlier record.
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Parameters[i](this);
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
            if (input.BaseObject is IDictionary dict)
            {
                foreach (DictionaryEntry e in dict)
                    any |= Take(values, Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture), e.Value, readOnly, ref unused);
            }
            else if (input.BaseObject is PSCustomObject && InstanceMembers != null && InstanceMembers(input) is IEnumerable members)
            {
                // A CSV row or [pscustomobject]: its own note properties, read without PSObject.Properties, which
                // integrates type and adapter members anew for every row (a quarter of a bulk create's CPU).
                foreach (var m in members)
                {
                    if (m is PSNoteProperty p) any |= Take(values, p.Name, p.Value, readOnly, ref unused);
                }
            }
            else
            {
                foreach (var p in input.Properties)
                {
                    if (p.MemberType == PSMemberTypes.NoteProperty || p.MemberType == PSMemberTypes.Property) any |= Take(values, p.Name, p.Value, readOnly, ref unused);
                }
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

        /// <summary>
        /// Takes one named value: into its field unless a parameter gave that field, or into <paramref name="readOnly"/>
        /// for a property the module never sends; true when the name is a field.
        /// </summary>
        private bool Take(object?[] values, string name, object? value, ReadOnlyInput readOnly, ref List<string>? unused)
        {
            int code = CodeOf(name);
            if (code == UnusedName) (unused ?? (unused = new List<string>())).Add(name);
            if (code == OutputOnlyName) readOnly.Add(ReadOnlyInput.CanonicalName(name)!, value); // an output-only name has its canonical one
            if (code <= FirstExportName)
            {
                (_exportCells ?? (_exportCells = new string?[ExportColumns.Count]))[FirstExportName - code] = InputValues.ToText(value);
                return true;
            }
            if (code < 0) return false;
            value = InputValues.Unwrap(value);
            if (values[code] == null && value != null) values[code] = value;
            return true;
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

        /// <summary>A field index, or whether the name is output-only or unused; cached, as every row of a CSV repeats the names.</summary>
        private int CodeOf(string name)
        {
            if (_nameCodes.TryGetValue(name, out int code)) return code;
            var field = CustomerFields.Find(name);
            int export = field == null ? ExportColumns.IndexOf(name) : -1;
            code = field != null ? field.Index : export >= 0 ? FirstExportName - export : ReadOnlyInput.CanonicalName(name) != null ? OutputOnlyName : UnusedName;
            _nameCodes[name] = code;
            return code;
        }
    }
}
