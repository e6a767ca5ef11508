namespace SecuConnect.Sandbox.Models;

/// <summary>The writable contact and address fields, in output order; indexes into <see cref="ContactData"/>.</summary>
public static class ContactFields
{
    public static readonly string[] Contact =
    [
        "salutation", "title", "forename", "surname", "companyname", "gender", "dob", "birthplace", "nationality",
        "email", "phone", "mobile", "fax", "url_website", "picture",
    ];

    public static readonly string[] Address =
    [
        "type", "street", "street_number", "postal_code", "city", "country", "additional_address_data",
    ];

    public const int Forename = 2;
    public const int Surname = 3;
    public const int Dob = 6;
    public const int Email = 9;
    public const int Phone = 10;
    public const int Mobile = 11;
    public const int AddressCountry = 5;

    public static int IndexOfContact(string name) => Array.IndexOf(Contact, name);
    public static int IndexOfAddress(string name) => Array.IndexOf(Address, name);
}
