using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

public static partial class Expect
{
    [GeneratedRegex("^PCT_[A-Z0-9]{30}$")]
    public static partial Regex ContainerId();

    /// <summary>What every stored container looks like (tests/Contract/payment-containers.openapi.json), beyond the schema.</summary>
    public static void ContainerRecord(JsonElement c)
    {
        Contract.AssertDefinition("PaymentContainersProductModel", c);
        foreach (var field in Contract.RequiredOf("PaymentContainersProductModel"))
        {
            Assert.True(c.TryGetProperty(field, out _), $"container lacks required '{field}': {c}");
        }
        Assert.Equal("payment.containers", c.GetProperty("object").GetString());
        Assert.Matches(ContainerId(), c.GetProperty("id").GetString());
        Assert.Equal("bank_account", c.GetProperty("type").GetString());
        UtcTimestamp(c.GetProperty("created").GetString());
        if (c.TryGetProperty("updated", out var updated)) UtcTimestamp(updated.GetString());
        if (c.TryGetProperty("customer", out var customer)) CustomerRecord(customer);
        NoNullOrEmpty(c, "$");
        // The mandate is the account's: same IBAN (masked as public is) and BIC.
        var account = c.GetProperty("public");
        Assert.Equal(account.GetProperty("iban").GetString(), c.GetProperty("mandate").GetProperty("iban").GetString());
        Assert.Equal(At(account, "bic"), At(c.GetProperty("mandate"), "bic"));
    }
}
