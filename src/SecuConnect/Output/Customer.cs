using System.Threading;

// The namespace makes the type's full name "SecuConnect.Customer", the name the format file, OutputType and
// users' scripts know.
namespace SecuConnect
{
    /// <summary>
    /// A payment customer as the cmdlets write it: one property per writable field (so Export-Csv then
    /// Import-Csv | Set-SecuCustomer round-trips), typed dates, and the raw contact last. A plain class rather than
    /// a PSObject with note properties: PowerShell adapts its properties once per type, where note properties cost
    /// kilobytes and microseconds per object, which a listing or bulk run pays for every customer. The properties
    /// are typed object, like note properties, so an assignment keeps its value as given ($null stays $null, ''
    /// stays '') and Set-SecuCustomer reads it with the same rules.
    /// </summary>
    public sealed class Customer
    {
        private object _contact;
        private Models.Contact _wireContact;

        internal Customer(Models.Contact wireContact)
        {
            _wireContact = wireContact;
        }

        public object Id { get; set; }
        public object Name { get; set; }
        public object Forename { get; set; }
        public object Surname { get; set; }
        public object CompanyName { get; set; }
        public object Salutation { get; set; }
        public object Gender { get; set; }
        public object Title { get; set; }
        public object Email { get; set; }
        public object Phone { get; set; }
        public object Mobile { get; set; }
        public object Fax { get; set; }
        public object DateOfBirth { get; set; }
        public object Picture { get; set; }
        public object Website { get; set; }
        public object Birthplace { get; set; }
        public object Nationality { get; set; }
        public object Street { get; set; }
        public object StreetNumber { get; set; }
        public object PostalCode { get; set; }
        public object City { get; set; }
        public object Country { get; set; }
        public object AdditionalAddressData { get; set; }
        public object AddressType { get; set; }
        public object Created { get; set; }
        public object Updated { get; set; }
        public object ContractId { get; set; }
        public object MerchantId { get; set; }

        /// <summary>
        /// The contact in the API's own shape (snake_case names, null fields left out), usable again as
        /// New-SecuCustomer -Contact. Built on first read: most scripts never look at it.
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

        /// <summary>The id, so a customer given where an id is expected (-Id $customer, "$customer") names itself.</summary>
        public override string ToString() => Id as string ?? string.Empty;
    }
}
