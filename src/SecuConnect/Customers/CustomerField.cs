using System;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>How a field's value is read from input, written to output and compared.</summary>
    internal enum FieldKind
    {
        /// <summary>Text, sent as given.</summary>
        Text,

        /// <summary>A calendar date: yyyy-MM-dd on the wire and on output objects, parsed strictly on input.</summary>
        Date,
    }

    /// <summary>One writable field of a customer's contact: its names for users and its place on the wire.</summary>
    internal sealed class CustomerField
    {
        internal CustomerField(int index, string name, string wireName, bool inAddress, FieldKind kind, bool personal, string[] aliases,
            bool multiLine = false, bool wireNameIsInputName = true)
        {
            Index = index;
            Name = name;
            WireName = wireName;
            InAddress = inAddress;
            Kind = kind;
            IsPersonal = personal;
            Aliases = aliases;
            MultiLine = multiLine;
            WireNameIsInputName = wireNameIsInputName;
            WirePath = (inAddress ? "contact.address." : "contact.") + wireName;
        }

        /// <summary>The position in <see cref="CustomerFields.All"/>, and in a contact's value array.</summary>
        public int Index { get; }

        /// <summary>The parameter and output property name, e.g. PostalCode.</summary>
        public string Name { get; }

        /// <summary>The member name inside the contact or its address, e.g. postal_code.</summary>
        public string WireName { get; }

        /// <summary>The API's path, e.g. contact.address.postal_code (for -Property, -Clear and messages).</summary>
        public string WirePath { get; }

        /// <summary>True for the members of contact.address.</summary>
        public bool InAddress { get; }

        public FieldKind Kind { get; }

        /// <summary>Personal data: masked in Debug output.</summary>
        public bool IsPersonal { get; }

        /// <summary>The parameter aliases, which double as accepted input column names.</summary>
        public string[] Aliases { get; }

        /// <summary>True when the value may hold line breaks (CR, LF); every other field is one line without control characters.</summary>
        public bool MultiLine { get; }

        /// <summary>
        /// False when the bare wire name is too generic to name this field in input (address.type: a "Type" column is
        /// more often a customer type); the API path and the aliases still do.
        /// </summary>
        public bool WireNameIsInputName { get; }

        public override string ToString() => Name;
    }
}
