using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace SecuConnect.Commands
{
    /// <summary>
    /// Completes Invoke-SecuConnectRequest's -Path (and a path typed where the method goes): the API's resources, and
    /// after Payment/Customers/ or Payment/Containers/ the ids of the connection in use, as -Id completes them (2 s,
    /// cached a minute, silent when not connected). For -Method it offers the methods first.
    /// </summary>
    public sealed class RequestPathCompleter : IArgumentCompleter
    {
        /// <summary>The resources Get-Help Invoke-SecuConnectRequest names, relative to /api/v2/.</summary>
        internal static readonly string[] Resources =
        {
            "Payment/Customers", "Payment/Containers", "Payment/Transactions", "Payment/Contracts",
            "Payment/Subscriptions", "Smart/Transactions", "General/Merchants",
        };

        // The ids' forms, so a value that is no id is never offered (the core lists every resource alike).
        private static readonly Regex CustomerId = new Regex(@"\APCU_[A-Z0-9]{30}\z", RegexOptions.CultureInvariant);
        private static readonly Regex ContainerId = new Regex(@"\APCT_[A-Z0-9]{30}\z", RegexOptions.CultureInvariant);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
                var results = new List<CompletionResult>();
                if (string.Equals(parameterName, "Method", StringComparison.OrdinalIgnoreCase))
                {
                    results.AddRange(InvokeSecuConnectRequestCommand.HttpMethods
                        .Where(m => m.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                        .Select(m => new CompletionResult(m, m, CompletionResultType.ParameterValue, m.ToUpperInvariant())));
                    // A path typed first binds to -Method (it sits at position 0), so the paths follow unless -Path is given.
                    if (fakeBoundParameters?.Contains("Path") == true) return results;
                }
                results.AddRange(Paths(word, fakeBoundParameters));
                return results;
            }
            catch (Exception)
            {
                // Completion must never disturb typing.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private static IEnumerable<CompletionResult> Paths(string word, IDictionary? fakeBoundParameters)
        {
            // A leading slash is the API root: keep it as typed.
            string root = word.StartsWith("/", StringComparison.Ordinal) ? "/" : string.Empty;
            string path = word.Substring(root.Length);
            foreach (string resource in Resources)
            {
                string listed = resource + "/";
                if (!path.StartsWith(listed, StringComparison.OrdinalIgnoreCase)) continue;
                return Ids(resource, path.Substring(listed.Length), fakeBoundParameters, root + listed);
            }
            return Resources.Where(r => r.StartsWith(path, StringComparison.OrdinalIgnoreCase))
                .Select(r => new CompletionResult(root + r, r, CompletionResultType.ParameterValue, r));
        }

        /// <summary>The ids of a resource the module knows how to list; none for the others.</summary>
        private static IEnumerable<CompletionResult> Ids(string resource, string word, IDictionary? fakeBoundParameters, string textPrefix)
        {
            var connection = ResourceIdLister.ConnectionFor(fakeBoundParameters);
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            switch (resource)
            {
                case "Payment/Customers":
                {
                    string? prefix = ResourceIdLister.IdPrefix(word, "PCU_");
                    return prefix == null ? Enumerable.Empty<CompletionResult>()
                        : ResourceIdLister.Results(ResourceIdLister.List(connection, resource, "PCU_", CustomerId, prefix, "contact.name"), textPrefix);
                }
                case "Payment/Containers":
                {
                    string? prefix = ResourceIdLister.IdPrefix(word, "PCT_");
                    return prefix == null ? Enumerable.Empty<CompletionResult>()
                        : ResourceIdLister.Results(ResourceIdLister.List(connection, resource, "PCT_", ContainerId, prefix, "type"), textPrefix);
                }
                default:
                    return Enumerable.Empty<CompletionResult>();
            }
        }
    }
}
