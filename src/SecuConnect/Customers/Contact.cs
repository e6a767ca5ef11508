using Newtonsoft.Json.Linq;

using SecuConnect.Core;

namespace SecuConnect.Customers
{
    /// <summary>
    /// The contact of a payment customer: the values of <see cref="CustomerFields"/> by index, the server-computed
    /// <see cref="Name"/>, and every member the module does not model, kept as raw JSON so an update sends it back
    /// unchanged (the API replaces the whole contact on PUT).
    /// </summary>
    internal sealed class Contact
    {
        private string?[] _values = new string?[CustomerFields.Count];

        /// <summary>forename + surname, computed by the server; never sent.</summary>
        public string? Name { get; set; }

        /// <summary>Contact members the module does not model, in the order read; null when there are none.</summary>
        public JObject? Unknown { get; set; }

        /// <summary>Members of contact.address the module does not model; null when there are none.</summary>
        public JObject? UnknownInAddress { get; set; }

        public string? this[CustomerField field]
        {
            get => _values[field.Index];
            set => _values[field.Index] = value;
        }

        /// <summary>True when the address has a field or an unknown member; an empty address is not sent.</summary>
        public bool HasAddress
        {
            get
            {
                if (UnknownInAddress != null && UnknownInAddress.Count > 0) return true;
                foreach (var f in CustomerFields.All)
                    if (f.InAddress && _values[f.Index] != null) return true;
                return false;
            }
        }

        /// <summary>True when no field holds a value and nothing unknown was read.</summary>
        public bool IsEmpty
        {
            get
            {
                if (Unknown != null && Unknown.Count > 0) return false;
                if (HasAddress) return false;
                foreach (var v in _values)
                    if (v != null) return false;
                return true;
            }
        }

        /// <summary>A deep copy, so a merge never alters the record it started from.</summary>
        public Contact Clone()
        {
            var copy = (Contact)MemberwiseClone();
            copy._values = (string?[])_values.Clone();
            copy.Unknown = (JObject?)Unknown?.DeepClone();
            copy.UnknownInAddress = (JObject?)UnknownInAddress?.DeepClone();
            return copy;
        }
    }
}
