using System.Threading;
using SecuConnect.Models;
using F = SecuConnect.Models.CustomerFields;

// The namespace makes the type's full name "SecuConnect.Customer", the name the format file, OutputType and
// users' scripts know.
namespace SecuConnect
{
    /// <summary>
    /// A payment customer as the cmdlets write it: one property per field of the table in
    /// <see cref="CustomerFields"/> (so Export-Csv then Import-Csv | Set-SecuCustomer round-trips), DateOfBirth as an
    /// ISO yyyy-MM-dd string (it reads back the same under every culture), typed timestamps, and the raw contact.
    /// A plain class rather than a PSObject with note properties: PowerShell adapts its properties once per type,
    /// where note properties cost kilobytes and microseconds per object. The field properties are typed object, like
    /// note properties, so an assignment keeps its value as given ($null stays $null, '' stays '').
    /// The object remembers the values it was written with, so Set-SecuCustomer applies only what the user changed.
    /// </summary>
    public sealed class Customer
    {
        // The values as written; _fields shares this array until the first assignment copies it (most objects are only read).
        private object[] _fields;
        private object[] _asRead;
        private object _contact;
        private Contact _wireContact;

        internal Customer(object[] fields, Contact wireContact)
        {
            _fields = fields;
            _asRead = fields;
            _wireContact = wireContact;
        }

        public object Id { get; set; }
        public object Name { get; set; }
        public object Forename { get => _fields[F.Forename.Index]; set => Set(F.Forename, value); }
        public object Surname { get => _fields[F.Surname.Index]; set => Set(F.Surname, value); }
        public object CompanyName { get => _fields[F.CompanyName.Index]; set => Set(F.CompanyName, value); }
        public object Salutation { get => _fields[F.Salutation.Index]; set => Set(F.Salutation, value); }
        public object Gender { get => _fields[F.Gender.Index]; set => Set(F.Gender, value); }
        public object Title { get => _fields[F.Title.Index]; set => Set(F.Title, value); }
        public object Email { get => _fields[F.Email.Index]; set => Set(F.Email, value); }
        public object Phone { get => _fields[F.Phone.Index]; set => Set(F.Phone, value); }
        public object Mobile { get => _fields[F.Mobile.Index]; set => Set(F.Mobile, value); }
        public object Fax { get => _fields[F.Fax.Index]; set => Set(F.Fax, value); }
        public object DateOfBirth { get => _fields[F.DateOfBirth.Index]; set => Set(F.DateOfBirth, value); }
        public object Picture { get => _fields[F.Picture.Index]; set => Set(F.Picture, value); }
        public object Website { get => _fields[F.Website.Index]; set => Set(F.Website, value); }
        public object Birthplace { get => _fields[F.Birthplace.Index]; set => Set(F.Birthplace, value); }
        public object Nationality { get => _fields[F.Nationality.Index]; set => Set(F.Nationality, value); }
        public object Street { get => _fields[F.Street.Index]; set => Set(F.Street, value); }
        public object StreetNumber { get => _fields[F.StreetNumber.Index]; set => Set(F.StreetNumber, value); }
        public object PostalCode { get => _fields[F.PostalCode.Index]; set => Set(F.PostalCode, value); }
        public object City { get => _fields[F.City.Index]; set => Set(F.City, value); }
        public object Country { get => _fields[F.Country.Index]; set => Set(F.Country, value); }
        public object AdditionalAddressData { get => _fields[F.AdditionalAddressData.Index]; set => Set(F.AdditionalAddressData, value); }
        public object AddressType { get => _fields[F.AddressType.Index]; set => Set(F.AddressType, value); }
        public object Created { get; set; }
        public object Updated { get; set; }
        public object ContractId { get; set; }
        public object MerchantId { get; set; }

        /// <summary>Top-level members the API returned that the module does not model (null when none); never sent.</summary>
        public object AdditionalProperties { get; set; }

        /// <summary>
        /// The contact in the API's own shape (snake_case names, null fields left out, members the module does not
        /// model included), usable again as New-SecuCustomer -Contact. Built on first read: most scripts never look at it.
        /// </summary>
        public object Contact
        {
            get
            {
                var wire = Volatile.Read(ref _wireContact);
                if (wire != null)
                {
                    _contact = Output.CustomerOutput.RawContact(wire);
                    Volatile.Write(ref _wireContact, null);
                }
                return _contact;
            }
            set
            {
                _wireContact = null;
                _contact = value;
            }
        }

        private void Set(CustomerField field, object value)
        {
            if (ReferenceEquals(_fields, _asRead)) _fields = (object[])_asRead.Clone();
            _fields[field.Index] = value;
        }

        /// <summary>Takes every value of <paramref name="fresh"/>, and what it was read as: this object now shows the customer as written.</summary>
        internal void TakeStateOf(Customer fresh)
        {
            _fields = fresh._fields;
            _asRead = fresh._asRead;
            _wireContact = fresh._wireContact;
            _contact = fresh._contact;
            Id = fresh.Id;
            Name = fresh.Name;
            Created = fresh.Created;
            Updated = fresh.Updated;
            ContractId = fresh.ContractId;
            MerchantId = fresh.MerchantId;
            AdditionalProperties = fresh.AdditionalProperties;
        }

        /// <summary>The field's value now (after any edit by the user).</summary>
        internal object this[CustomerField field] => _fields[field.Index];

        /// <summary>The field's value as the module wrote the object.</summary>
        internal object AsRead(CustomerField field) => _asRead[field.Index];

        /// <summary>The id, so a customer given where an id is expected (-Id $customer, "$customer") names itself.</summary>
        public override string ToString() => Id as string ?? string.Empty;
    }
}
