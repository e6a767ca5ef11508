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

        // Values that came in another JSON type than text, by field index; null while there are none (the common case).
        private KeptToken?[]? _kept;

        /// <summary>forename + surname, computed by the server; never sent.</summary>
        public string? Name { get; set; }

        /// <summary>Contact members the module does not model, in the order read; null when there are none.</summary>
        public JObject? Unknown { get; set; }

        /// <summary>Members of contact.address the module does not model; null when there are none.</summary>
        public JObject? UnknownInAddress { get; set; }

        /// <summary>
        /// The address as it came when it was no object (text, a non-empty array, a number): written back as it came
        /// while no address field has a value; setting one replaces it with an address object.
        /// </summary>
        public KeptToken? KeptAddress { get; set; }

        /// <summary>The field's wire text (for a kept value, its compact JSON). Setting a value drops what was kept: the new value is text.</summary>
        public string? this[CustomerField field]
        {
            get => _values[field.Index];
            set
            {
                _values[field.Index] = value;
                if (_kept != null) _kept[field.Index] = null;
            }
        }

        /// <summary>The value as it came when the API sent it in another JSON type than text; else null.</summary>
        public KeptToken? Kept(CustomerField field) => _kept?[field.Index];

        /// <summary>Stores a value that came in another JSON type: written back as it came until the field is set.</summary>
        public void Keep(CustomerField field, KeptToken kept)
        {
            _values[field.Index] = kept.Text;
            (_kept ?? (_kept = new KeptToken[CustomerFields.Count]))[field.Index] = kept;
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
                if (HasAddress || KeptAddress != null) return false;
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
            copy._kept = (KeptToken?[]?)_kept?.Clone();
            copy.Unknown = (JObject?)Unknown?.DeepClone();
            copy.UnknownInAddress = (JObject?)UnknownInAddress?.DeepClone();
            return copy;
        }
    }
}
