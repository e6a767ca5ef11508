using System.Threading;
using SecuConnect.Core;
using SecuConnect.Customers;

// The namespace makes the type's full name "SecuConnect.Customer", the name the format file, OutputType and
// users' scripts know.
namespace SecuConnect
{
    /// <summary>
    /// A payment customer as the cmdlets write it: one property per field of the table in
    /// <see cref="CustomerFields"/> (declared in Customers/CustomerFields.table), so Export-Csv then
    /// Import-Csv | Set-SecuCustomer round-trips; DateOfBirth as an ISO yyyy-MM-dd string (it reads back the same under every culture), typed timestamps, and the raw contact.
    /// A plain class rather than a PSObject with note properties: PowerShell adapts its properties once per type,
    /// where note properties cost kilobytes and microseconds per object. The field properties are typed object, like
    /// note properties, so an assignment keeps its value as given ($null stays $null, '' stays '').
    /// The object remembers the values it was written with, so Set-SecuCustomer applies only what the user changed.
    /// </summary>
    public sealed partial class Customer
    {
        // The values as written; _fields shares this array until the first assignment copies it (most objects are only read).
        private object?[] _fields;
        private object?[] _asRead;
        private object? _contact;
        private Contact? _wireContact;

        internal Customer(object?[] fields, Contact? wireContact)
        {
            _fields = fields;
            _asRead = fields;
            _wireContact = wireContact;
        }

        // The properties, in output order, are written by the field generator from Customers/CustomerFields.table: a
        // field reads and writes this object's value array; Contact, declared custom there, is implemented here.
        // AdditionalProperties holds the top-level members the API returned that the module does not model (null
        // when none); never sent.

        /// <summary>
        /// The contact in the API's own shape (snake_case names, null fields left out, members the module does not
        /// model included), usable again as New-SecuCustomer -Contact. Built on first read: most scripts never look at it.
        /// </summary>
        public partial object? Contact
        {
            get
            {
                var wire = Volatile.Read(ref _wireContact);
                if (wire != null)
                {
                    _contact = Commands.CustomerOutput.RawContact(wire);
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

        private void Set(CustomerField field, object? value)
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
            CopyOutputOnly(fresh);
        }

        /// <summary>The field's value now (after any edit by the user).</summary>
        internal object? this[CustomerField field] => _fields[field.Index];

        /// <summary>The field's value as the module wrote the object.</summary>
        internal object? AsRead(CustomerField field) => _asRead[field.Index];

        /// <summary>The id, so a customer given where an id is expected (-Id $customer, "$customer") names itself.</summary>
        public override string ToString() => Id as string ?? string.Empty;
    }
}
