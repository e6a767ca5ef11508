#nullable enable
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Finds the properties of a piped record (a CSV row, an object, a hashtable) that bind to none of a command's
    /// pipeline parameters, so the command can warn once per distinct set instead of dropping a column in silence.
    /// Matches names as PowerShell binds them: a parameter's name or alias, without regard to case.
    /// </summary>
    internal sealed class UnboundInput
    {
        private readonly HashSet<string> _bound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _quiet;
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <param name="command">The command whose by-property-name parameters count.</param>
        /// <param name="quiet">Names never warned about: the command's own output properties that it does not send (Id, Created, ...).</param>
        public UnboundInput(CommandInfo command, IEnumerable<string> quiet)
        {
            foreach (var parameter in command.Parameters.Values)
            {
                if (!parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName)) continue;
                _bound.Add(parameter.Name);
                foreach (var alias in parameter.Aliases) _bound.Add(alias);
            }
            _quiet = new HashSet<string>(quiet, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The names of <paramref name="record"/> no parameter takes, when this set was not reported before; else null.</summary>
        public IReadOnlyList<string>? NewlyUnbound(PSObject? record)
        {
            if (record == null || record.BaseObject is string || record.BaseObject is ValueType) return null;
            var names = record.BaseObject is IDictionary d
                ? d.Keys.Cast<object>().Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
                : record.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty || p.MemberType == PSMemberTypes.Property).Select(p => p.Name);
            var unbound = names.Where(n => !_bound.Contains(n) && !_quiet.Contains(n)).ToList();
            if (unbound.Count == 0 || !_reported.Add(string.Join(",", unbound))) return null;
            return unbound;
        }
    }
}
