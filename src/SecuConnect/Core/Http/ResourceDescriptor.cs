using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace SecuConnect.Core
{
    /// <summary>
    /// What the request pipeline needs to know of one API resource (customers, containers): how its messages name
    /// it, its ids, the cmdlet that reads one back, and which of its members are personal data for Debug masking.
    /// It travels with the resource's requests, so the pipeline words errors for any resource without knowing it.
    /// </summary>
    internal sealed class ResourceDescriptor
    {
        public ResourceDescriptor(string displayName, string idPrefix, string getCommand,
            IEnumerable<string> personalKeys, string? personalObject = null, IEnumerable<string>? plainKeysInPersonalObject = null)
        {
            DisplayName = displayName ?? throw new ArgumentNullException(nameof(displayName));
            IdPrefix = idPrefix;
            GetCommand = getCommand;
            PersonalKeys = (personalKeys ?? Enumerable.Empty<string>()).ToArray();
            PersonalObject = personalObject;
            PlainKeysInPersonalObject = (plainKeysInPersonalObject ?? Enumerable.Empty<string>()).ToArray();
        }

        /// <summary>The resource in running text, singular and lower case: "customer".</summary>
        public string DisplayName { get; }

        /// <summary>The display name at the start of a sentence: "Customer".</summary>
        public string Title => char.ToUpperInvariant(DisplayName[0]) + DisplayName.Substring(1);

        /// <summary>The prefix of the resource's ids ("PCU_").</summary>
        public string IdPrefix { get; }

        /// <summary>The cmdlet a message suggests to check one item ("Get-SecuCustomer").</summary>
        public string GetCommand { get; }

        /// <summary>Member names (wire names) whose values are personal data wherever they appear in a body.</summary>
        public IReadOnlyList<string> PersonalKeys { get; }

        /// <summary>A member ("contact") whose values are all personal except <see cref="PlainKeysInPersonalObject"/>; null for none.</summary>
        public string? PersonalObject { get; }

        public IReadOnlyList<string> PlainKeysInPersonalObject { get; }
    }

    /// <summary>Names the class whose static <c>Descriptor</c> field describes one resource of this assembly.</summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    internal sealed class ApiResourceAttribute : Attribute
    {
        public ApiResourceAttribute(Type resource) => Resource = resource;

        public Type Resource { get; }
    }

    /// <summary>
    /// The resources this module knows, each declared once with <see cref="ApiResourceAttribute"/> beside its own
    /// code: the core finds them without referring to any of them (masking covers every resource's personal data).
    /// </summary>
    internal static class ResourceDescriptors
    {
        private static IReadOnlyList<ResourceDescriptor>? _all;

        public static IReadOnlyList<ResourceDescriptor> All => _all ?? (_all = Find());

        private static ResourceDescriptor[] Find() =>
            typeof(ResourceDescriptors).Assembly.GetCustomAttributes<ApiResourceAttribute>()
                .Select(a => a.Resource.GetField("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as ResourceDescriptor
                    ?? throw new InvalidOperationException($"{a.Resource} has no static ResourceDescriptor field named Descriptor."))
                .ToArray();
    }
}
