using System;
using SecuConnect.Models;

namespace SecuConnect.Api
{
    /// <summary>One writable contact or address field: its parameter name, its aliases and its place in the wire model.</summary>
    public sealed class ContactField
    {
        internal ContactField(string name, string wirePath, Func<Contact, string> get, Action<Contact, string> set, params string[] aliases)
        {
            Name = name;
            WirePath = wirePath;
            Getter = get;
            Setter = set;
            Aliases = aliases ?? new string[0];
        }

        /// <summary>The parameter and output property name, e.g. PostalCode.</summary>
        public string Name { get; }

        /// <summary>The API's path, e.g. contact.address.postal_code.</summary>
        public string WirePath { get; }

        public string[] Aliases { get; }

        internal Func<Contact, string> Getter { get; }
        internal Action<Contact, string> Setter { get; }

        public bool IsAddressField => WirePath.StartsWith("contact.address.", StringComparison.Ordinal);

        public string Get(Contact contact) => contact == null ? null : Getter(contact);

        public void Set(Contact contact, string value) => Setter(contact, value);

        public override string ToString() => Name;
    }
}
