#nullable enable
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SecuConnect.Containers;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Completes payment container ids from the first matching page of the connection in use, as customer ids complete:
    /// at most 2 s, cached for a minute, silent when not connected. Each id is shown with its owner.
    /// </summary>
    public sealed class ContainerIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = ResourceIdLister.ConnectionFor(fakeBoundParameters);
                string? prefix = ResourceIdLister.IdPrefix(wordToComplete, ContainerIds.Prefix);
                if (connection == null || prefix == null) return Enumerable.Empty<CompletionResult>();
                return ResourceIdLister.Results(Lookup(connection, prefix));
            }
            catch (Exception)
            {
                // Completion must never disturb typing.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        /// <summary>The containers whose ids start with <paramref name="prefix"/>, with their owners.</summary>
        internal static List<KeyValuePair<string, string>> Lookup(SecuConnection connection, string prefix) =>
            ResourceIdLister.Lookup(connection, "Payment/Containers|" + prefix, async token =>
            {
                var page = await new ContainerClient(new ApiCall(connection, new ApiLogQueue()))
                    .ListPageAsync(ResourceIdLister.Query(prefix, ContainerIds.Prefix, "id,private.owner,public.owner"), token).ConfigureAwait(false);
                return page.Data.Where(c => ContainerIds.IsValid(c.Id))
                    .Select(c => new KeyValuePair<string, string>(c.Id!, c.Owner!)).ToList();
            });
    }
}
