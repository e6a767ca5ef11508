using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Completes customer ids from the first matching page of the connection in use: at most 2 s, cached for a
    /// minute, and silent (no results, no error) when not connected or the API does not answer.
    /// </summary>
    public sealed class CustomerIdCompleter : IArgumentCompleter
    {
        private const string IdStart = "PCU_";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = ResourceIdLister.ConnectionFor(fakeBoundParameters);
                string? prefix = ResourceIdLister.IdPrefix(wordToComplete, IdStart);
                if (connection == null || prefix == null) return Enumerable.Empty<CompletionResult>();
                return ResourceIdLister.Results(Lookup(connection, prefix));
            }
            catch (Exception)
            {
                // Completion must never disturb typing.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        /// <summary>The customers whose ids start with <paramref name="prefix"/>, with their names.</summary>
        internal static List<KeyValuePair<string, string>> Lookup(SecuConnection connection, string prefix) =>
            ResourceIdLister.Lookup(connection, "Payment/Customers|" + prefix, async token =>
            {
                var page = await new SecuClient(connection, new ApiLogQueue())
                    .ListPageAsync(ResourceIdLister.Query(prefix, IdStart, "id,contact.name"), token).ConfigureAwait(false);
                return (page.Data ?? new List<PaymentCustomer>())
                    // Only real customer ids: a value the API (or something in between) returns is never offered as typed input otherwise.
                    .Where(c => CustomerIds.IsValid(c.Id))
                    // IsValid above holds the id non-null; a customer without a name keeps a null description.
                    .Select(c => new KeyValuePair<string, string>(c.Id!, c.Contact?.Name!))
                    .ToList();
            });
    }
}
