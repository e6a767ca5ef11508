using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Tests;

internal static class TestContacts
{
    /// <summary>A contact with the given fields set, e.g. Of((CustomerFields.Forename, "Ada")).</summary>
    public static Contact Of(params (CustomerField Field, string Value)[] pairs)
    {
        var c = new Contact();
        foreach (var (field, value) in pairs) c[field] = value;
        return c;
    }
}

internal static class ModelJsonRead
{
    /// <summary>A customer read from JSON text by the module's own reader.</summary>
    public static PaymentCustomer Customer(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        reader.Read();
        return SecuConnect.Customers.ModelJson.ReadCustomer(reader)!;
    }
}
