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
    /// <summary>
    /// Completes customer property names: the fields for Set-SecuCustomer's -Clear; every property for
    /// Get-SecuCustomer's -Property, -Sort (with :desc, after a comma too; after a name and its colon, asc and desc) and
    /// -Filter (the field part of the term being typed). For Get-SecuPaymentContainer, the payment container's names.
    /// </summary>
    public sealed class FieldNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var translator = TranslatorFor(commandName);
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            string head = string.Empty;
            int cut = parameterName.Equals("Sort", StringComparison.OrdinalIgnoreCase) ? word.LastIndexOf(',')
                : parameterName.Equals("Filter", StringComparison.OrdinalIgnoreCase) ? LastSeparator(word) : -1;
            if (cut >= 0)
            {
                head = word.Substring(0, cut + 1);
                word = word.Substring(cut + 1);
            }
            bool sort = parameterName.Equals("Sort", StringComparison.OrdinalIgnoreCase);
            if (word.Contains(":"))
            {
                // After 'Surname:' a sort offers its orders; a filter's value is the user's.
                if (sort) foreach (var result in Orders(translator, head, word)) yield return result;
                yield break;
            }
            if (sort && word.Length > 0 && (word[0] == '-' || word[0] == '+'))
            {
                // '-Sur' completes to '-Surname' (descending): the sign stays in front.
                head += word.Substring(0, 1);
                word = word.Substring(1);
            }
            var names = parameterName.Equals("Clear", StringComparison.OrdinalIgnoreCase) ? CustomerFields.Names : translator.KnownNames;
            var given = parameterName.Equals("Filter", StringComparison.OrdinalIgnoreCase) ? new HashSet<string>() : GivenPaths(translator, parameterName, head, wordToComplete, commandAst);
            foreach (var name in names.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !given.Contains(translator.PathOf(n) ?? string.Empty)))
            {
                if (parameterName.Equals("Sort", StringComparison.OrdinalIgnoreCase))
                {
                    yield return Result(head + name, name);
                    yield return Result(head + name + ":desc", name + ":desc");
                }
                else if (parameterName.Equals("Filter", StringComparison.OrdinalIgnoreCase))
                {
                    yield return Result(head + name + ":", name + ":");
                }
                else
                {
                    yield return Result(name, name);
                }
            }
        }

        /// <summary>name:asc and name:desc for a sort term typed up to its colon (or into its order).</summary>
        private static IEnumerable<CompletionResult> Orders(QueryTranslator translator, string head, string word)
        {
            int colon = word.LastIndexOf(':');
            string name = word.Substring(0, colon), typed = word.Substring(colon + 1);
            if (translator.PathOf(name.TrimStart('-', '+')) == null) yield break;
            foreach (var order in SortOrders.Where(o => o.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
                yield return Result(head + name + ":" + order, name + ":" + order);
        }

        /// <summary>
        /// The API paths of the names the parameter already holds (-Property Email,&lt;Tab&gt; offers no Email): the
        /// values written after it on the command line and, for -Sort, the names before the last comma of the word.
        /// </summary>
        private static HashSet<string> GivenPaths(QueryTranslator translator, string parameterName, string head, string? wordToComplete, CommandAst commandAst)
        {
            var texts = new List<string>(head.Split(','));
            var elements = commandAst?.CommandElements;
            int at = elements == null ? -1 : elements.ToList().FindLastIndex(e =>
                e is CommandParameterAst p && parameterName.StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                var values = elements.Skip(at + 1).TakeWhile(e => !(e is CommandParameterAst))
                    .SelectMany(e => e.FindAll(a => a is StringConstantExpressionAst, false)).Cast<StringConstantExpressionAst>()
                    .Select(c => c.Value).ToList();
                // The word being completed is no given name yet.
                if (values.Count > 0 && wordToComplete != null && wordToComplete.Length > 0 && values[values.Count - 1] == wordToComplete.Trim('\'', '"'))
                    values.RemoveAt(values.Count - 1);
                texts.AddRange(values.SelectMany(v => v.Split(',')));
            }
            // A sort order (Email:desc) names the field before its colon.
            return new HashSet<string>(texts.Select(t => translator.PathOf(t.Split(':')[0].Trim().TrimStart('-', '+'))).Where(p => p != null).Select(p => p!), StringComparer.Ordinal);
        }

        /// <summary>The names of the resource the command lists: payment containers for the container cmdlets, else customers.</summary>
        private static QueryTranslator TranslatorFor(string commandName) =>
            commandName != null && commandName.IndexOf("PaymentContainer", StringComparison.OrdinalIgnoreCase) >= 0
                ? Containers.ContainerQuery.Translator : CustomerQuery.Translator;

        private static int LastSeparator(string text)
        {
            int i = text.Length - 1;
            while (i >= 0 && !char.IsWhiteSpace(text[i]) && text[i] != '(') i--;
            return i;
        }

        private static readonly string[] SortOrders = { "asc", "desc" };
        private static readonly char[] CharsToQuote = { ' ', '(', ')', ',' };

        private static CompletionResult Result(string text, string shown)
        {
            // A leading - would read as a parameter name.
            string quoted = text.IndexOfAny(CharsToQuote) >= 0 || text.StartsWith("-", StringComparison.Ordinal)
                ? "'" + text.Replace("'", "''") + "'" : text;
            return new CompletionResult(quoted, shown, CompletionResultType.ParameterValue, shown);
        }
    }
}
