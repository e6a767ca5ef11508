#nullable enable
using System;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using SecuConnect.Containers;
using SecuConnect.Core;

namespace SecuConnect.Commands
{
    /// <summary>What the container cmdlets check and name in their input, before anything is sent.</summary>
    internal static class ContainerInput
    {
        /// <summary>
        /// The output properties of <see cref="PaymentContainer"/> that New and Set do not take: a backup or an export
        /// piped back carries them, which is no reason for a warning.
        /// </summary>
        public static readonly string[] OutputOnly =
        {
            "Id", "Customer", "Type", "BankName", "IsMasked", "MandateId", "MandateReference", "MandateStatus",
            "Created", "Updated", "MerchantId", "ContractId", "AdditionalProperties",
        };

        /// <summary>The IBAN normalised (no whitespace, upper case) when it is valid; else null and the error naming the record and what is wrong (never the value).</summary>
        public static string? Iban(string given, string record, object target, out ErrorRecord? error)
        {
            string iban = IbanRules.Normalize(given);
            string? problem = IbanRules.CheckIban(iban);
            error = problem == null ? null : Errors.Argument(ErrorIds.InvalidIban,
                $"The IBAN of {record} is not valid: {problem}. Nothing was sent for it.", target,
                "Correct the IBAN (as printed on the account holder's bank statement), then run the command again for this record.");
            return problem == null ? iban : null;
        }

        /// <summary>The BIC normalised when it has a BIC's form (empty stays empty: not given, or cleared on Set); else null and the error.</summary>
        public static string? Bic(string? given, string record, object target, out ErrorRecord? error)
        {
            error = null;
            if (given == null) return null;
            string bic = IbanRules.Normalize(given);
            if (bic.Length == 0) return bic;
            string? problem = IbanRules.CheckBic(bic);
            if (problem == null) return bic;
            error = Errors.Argument(ErrorIds.InvalidBic, $"The BIC of {record} is not valid: {problem}. Nothing was sent for it.", target,
                "Correct the BIC, or leave it out: SEPA payments need only the IBAN.");
            return null;
        }

        /// <summary>The id of a customer given as an object: one from Get-SecuCustomer, or its copy from Import-Clixml or a job; null for anything else.</summary>
        public static string? CustomerIdOf(PSObject? given)
        {
            if (given == null) return null;
            if (given.BaseObject is Customer customer) return customer.Id as string;
            bool deserialized = given.TypeNames.Any(n => n == "Deserialized.SecuConnect.Customer");
            return deserialized ? Convert.ToString(given.Properties["Id"]?.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        /// <summary>The TargetObject of a record given on the command line: what it gave, by parameter name.</summary>
        public static object Target(params (string Name, object? Value)[] values)
        {
            var target = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in values)
                if (value != null) target[name] = value;
            return target;
        }

        /// <summary>How a bulk run names a container it could not write: "payment container PCT_…".</summary>
        public static string Describe(ContainerRecord? container, string? key) => $"payment container {container?.Id ?? key ?? "(not created)"}";

        /// <summary>How -WhatIf and the prompt name an account: its owner and its shortened IBAN.</summary>
        public static string Shown(string? owner, string? iban) =>
            $"bank account {IbanRules.Shorten(iban)}" + (string.IsNullOrEmpty(owner) ? string.Empty : $" of {owner}");
    }
}
