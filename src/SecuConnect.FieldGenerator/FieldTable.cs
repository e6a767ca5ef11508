#nullable disable
using System;
using System.Collections.Generic;
using System.Text;

// One parser of CustomerFields.table, compiled three times: into the source generator and the tests (both define
// WITHOUT_MSBUILD_TASK), and by MSBuild's RoslynCodeTaskFactory into the task that writes the format file's field
// lines (src/SecuConnect/SecuConnect.csproj). No namespace: the task factory compiles this file on its own.

/// <summary>One line of CustomerFields.table: a property of SecuConnect.Customer.</summary>
internal sealed class FieldRow
{
    public string Name;
    /// <summary>contact, address or output.</summary>
    public string Place;
    public string Wire;
    /// <summary>text or date for a field; "-" for an output property.</summary>
    public string Kind;
    public readonly List<string> Flags = new List<string>();
    public readonly List<string> Aliases = new List<string>();
    public int Line;

    public bool IsField => Place != "output";
    public bool InAddress => Place == "address";
    public bool IsDate => Kind == "date";
    public bool Has(string flag) => Flags.Contains(flag);

    /// <summary>The value of a flag "key=value" (completer=CountryCompleter), or null.</summary>
    public string Value(string key)
    {
        foreach (var f in Flags)
            if (f.StartsWith(key + "=", StringComparison.Ordinal)) return f.Substring(key.Length + 1);
        return null;
    }
}

internal static class FieldTable
{
    private static readonly string[] Places = { "contact", "address", "output" };
    private static readonly string[] KnownFlags = { "personal", "multiline", "wire-not-input", "custom" };
    private static readonly char[] CellSeparators = { ' ', '\t' };

    /// <summary>The rows of the table in order; every line that breaks a rule is in <paramref name="errors"/> ("line 12: ...").</summary>
    public static List<FieldRow> Parse(string text, List<string> errors)
    {
        var rows = new List<FieldRow>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string[] cells = line.Split(CellSeparators, StringSplitOptions.RemoveEmptyEntries);
            string where = "line " + (i + 1) + ": ";
            if (cells.Length < 5)
            {
                errors.Add(where + "a row has at least five columns (name place wire kind flags), this one " + cells.Length + ".");
                continue;
            }
            var row = new FieldRow { Name = cells[0], Place = cells[1], Wire = cells[2], Kind = cells[3], Line = i + 1 };
            if (cells[4] != "-") row.Flags.AddRange(cells[4].Split(','));
            for (int a = 5; a < cells.Length; a++) row.Aliases.Add(cells[a]);
            if (!IsIdentifier(row.Name)) errors.Add(where + "'" + row.Name + "' is no property name.");
            if (!names.Add(row.Name)) errors.Add(where + row.Name + " is declared twice.");
            if (Array.IndexOf(Places, row.Place) < 0) errors.Add(where + "the place is contact, address or output, not '" + row.Place + "'.");
            if (row.IsField && row.Kind != "text" && row.Kind != "date") errors.Add(where + "a field's kind is text or date, not '" + row.Kind + "'.");
            if (row.IsField && row.Wire == "-") errors.Add(where + "a field needs its wire name.");
            if (!row.IsField && (row.Wire != "-" || row.Kind != "-")) errors.Add(where + "an output property has no wire name or kind: write '-'.");
            foreach (var flag in row.Flags)
            {
                bool completer = flag.StartsWith("completer=", StringComparison.Ordinal) && IsIdentifier(flag.Substring(10));
                if (!completer && Array.IndexOf(KnownFlags, flag) < 0) errors.Add(where + "unknown flag '" + flag + "'.");
            }
            if (row.Has("custom") && row.IsField) errors.Add(where + "only an output property can be custom.");
            foreach (var alias in row.Aliases)
                if (!IsIdentifier(alias)) errors.Add(where + "'" + alias + "' is no name a column or parameter can have.");
            rows.Add(row);
        }
        return rows;
    }

    private static bool IsIdentifier(string s)
    {
        if (string.IsNullOrEmpty(s) || !(char.IsLetter(s[0]) || s[0] == '_')) return false;
        foreach (char c in s)
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    /// <summary>The list view's lines for the fields, in table order, indented as <paramref name="indent"/>.</summary>
    public static string ListItems(List<FieldRow> rows, string indent, string newLine)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            if (!row.IsField) continue;
            if (!row.IsDate)
            {
                sb.Append(indent).Append("<ListItem><PropertyName>").Append(row.Name).Append("</PropertyName></ListItem>").Append(newLine);
                continue;
            }
            // A date shows as yyyy-MM-dd whatever the culture, also when a script assigned a [datetime].
            sb.Append(indent).Append("<ListItem>").Append(newLine)
              .Append(indent).Append("  <Label>").Append(row.Name).Append("</Label>").Append(newLine)
              .Append(indent).Append("  <ScriptBlock>").Append(newLine)
              .Append(indent).Append("    $d = $_.").Append(row.Name).Append(newLine)
              .Append(indent).Append("    if ($d -is [datetime]) { $d.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) }").Append(newLine)
              .Append(indent).Append("    elseif ($d -is [datetimeoffset]) { $d.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) }").Append(newLine)
              .Append(indent).Append("    else { $d }").Append(newLine)
              .Append(indent).Append("  </ScriptBlock>").Append(newLine)
              .Append(indent).Append("</ListItem>").Append(newLine);
        }
        return sb.ToString();
    }

    /// <summary>The marker line of the format template that the field items replace.</summary>
    public const string Marker = "<!-- fields: one ListItem per field of Customers/CustomerFields.table, written by the build -->";

    /// <summary>The format file: the template with its marker line replaced by the field items.</summary>
    public static string FormatFile(string template, List<FieldRow> rows)
    {
        string newLine = template.Contains("\r\n") ? "\r\n" : "\n";
        int at = template.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("The format template has no line " + Marker);
        int lineStart = template.LastIndexOf('\n', at) + 1;
        int lineEnd = template.IndexOf('\n', at) + 1;
        string indent = template.Substring(lineStart, at - lineStart);
        return template.Substring(0, lineStart) + ListItems(rows, indent, newLine) + template.Substring(lineEnd);
    }
}

#if !WITHOUT_MSBUILD_TASK
/// <summary>Writes the format file from its template and the field table; leaves it untouched when it would not change.</summary>
public sealed class WriteCustomerFormat : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required] public string Table { get; set; }
    [Microsoft.Build.Framework.Required] public string Template { get; set; }
    [Microsoft.Build.Framework.Required] public string Output { get; set; }

    public override bool Execute()
    {
        var errors = new List<string>();
        var rows = FieldTable.Parse(System.IO.File.ReadAllText(Table), errors);
        foreach (var e in errors) Log.LogError(null, "SCF0001", null, Table, 0, 0, 0, 0, e);
        if (errors.Count > 0) return false;
        string text = FieldTable.FormatFile(System.IO.File.ReadAllText(Template), rows);
        if (!System.IO.File.Exists(Output) || System.IO.File.ReadAllText(Output) != text)
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Output));
            System.IO.File.WriteAllText(Output, text);
        }
        return true;
    }
}
#endif
