using System;
using System.Collections.Generic;

namespace SecuConnect.Commands
{
    /// <summary>The field values one pipeline record gave, by parameter name; null means "not given".</summary>
    internal sealed class FieldValues : Dictionary<string, object>
    {
        public FieldValues() : base(StringComparer.OrdinalIgnoreCase) { }
    }
}
