using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>Completes ISO 3166-1 alpha-2 country codes, the form the API expects for the address country.</summary>
    public sealed class CountryCompleter : IArgumentCompleter
    {
        // The neighbours most customers live in come first.
        private static readonly string[] Preferred = { "DE", "AT", "CH" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Preferred.Concat(CountryNames.Codes.Except(Preferred))
                .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
        }
    }
}
