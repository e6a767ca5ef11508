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
        private readonly object[] _fields;
        private readonly object[] _asRead;
        private object _contact;
        private Contact _wireContact;

        internal Customer(object[] fields, Contact wireContact)
        {
            _fields = fields;
            _asRead = (object[])fields.Clone();
            _wireContact = wireContact;
        }

        public object Id { get; set; }
        public object Name { get; set; }
        public object Forename { get => _fields[F.Forename.Index]; set => _fields[F.Forename.Index] = value; }
        public object Surname { get => _fields[F.Surname.Index]; set => _fields[F.Surname.Index] = value; }
        public object CompanyName { get => _fields[F.CompanyName.Index]; set => _fields[F.CompanyName.Index] = value; }
        public object Salutation { get => _fields[F.Salutation.Index]; set => _fields[F.Salutation.Index] = value; }
        public object Gender { get => _fields[F.Gender.Index]; set => _fields[F.Gender.Index] = value; }
        public object Title { get => _fields[F.Title.Index]; set => _fields[F.Title.Index] = value; }
        public object Email { get => _fields[F.Email.Index]; set => _fields[F.Email.Index] = value; }
        public object Phone { get => _fields[F.Phone.Index]; set => _fields[F.Phone.Index] = value; }
        public object Mobile { get => _fields[F.Mobile.Index]; set => _fields[F.Mobile.Index] = value; }
        public object Fax { get => _fields[F.Fax.Index]; set => _fields[F.Fax.Index] = value; }
        public object DateOfBirth { get => _fields[F.DateOfBirth.Index]; set => _fields[F.DateOfBirth.Index] = value; }
        public object Picture { get => _fields[F.Picture.Index]; set => _fields[F.Picture.Index] = value; }
        public object Website { get => _fields[F.Website.Index]; set => _fields[F.Website.Index] = value; }
        public object Birthplace { get => _fields[F.Birthplace.Index]; set => _fields[F.Birthplace.Index] = value; }
        public object Nationality { get => _fields[F.Nationality.Index]; set => _fields[F.Nationality.Index] = value; }
        public object Street { get => _fields[F.Street.Index]; set => _fields[F.Street.Index] = value; }
        public object StreetNumber { get => _fields[F.StreetNumber.Index]; set => _fields[F.StreetNumber.Index] = value; }
        public object PostalCode { get => _fields[F.PostalCode.Index]; set => _fields[F.PostalCode.Index] = value; }
        public object City { get => _fields[F.City.Index]; set => _fields[F.City.Index] = value; }
        public object Country { get => _fields[F.Country.Index]; set => _fields[F.Country.Index] = value; }
        public object AdditionalAddressData { get => _fields[F.AdditionalAddressData.Index]; set => _fields[F.AdditionalAddressData.Index] = value; }
        public object AddressType { get => _fields[F.AddressType.Index]; set => _fields[F.AddressType.Index] = value; }
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

        /// <summary>The field's value now (after any edit by the user).</summary>
        internal object this[CustomerField field] => _fields[field.Index];

        /// <summary>The field's value as the module wrote the object.</summary>
        internal object AsRead(CustomerField field) => _asRead[field.Index];

        /// <summary>The id, so a customer given where an id is expected (-Id $customer, "$customer") names itself.</summary>
        public override string ToString() => Id as string ?? string.Empty;
    }
}
