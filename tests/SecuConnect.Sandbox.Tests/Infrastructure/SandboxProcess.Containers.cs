using System.Text.Json;
using Xunit;

namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>Payment container helpers: every answer is checked against the containers' contract copy.</summary>
public sealed partial class SandboxProcess
{
    public const string Containers = "/Payment/Containers";
    public const string ContainerById = "/Payment/Containers/{paymentContainerId}";

    /// <summary>Creates a container from a PaymentContainersDTO body and checks the answer.</summary>
    public async Task<JsonElement> CreateContainerAsync(object body)
    {
        var r = await ApiAsync(HttpMethod.Post, Containers, body);
        Assert.True(r.StatusCode == 200, $"container create failed: {r}");
        Expect.JsonContentType(r);
        Contract.AssertResponse(Containers, "post", r);
        Expect.ContainerRecord(r.Json);
        return r.Json;
    }

    /// <summary>A bank-account container, linked to <paramref name="customerId"/> when given.</summary>
    public Task<JsonElement> CreateBankAccountAsync(string iban, string owner = "John Doe", string? bic = null, string? customerId = null) =>
        CreateContainerAsync(new Dictionary<string, object?>
        {
            ["type"] = "bank_account",
            ["customer"] = customerId == null ? null : new { id = customerId },
            ["private"] = bic == null ? new { owner, iban } : new { owner, iban, bic },
        });

    public async Task<JsonElement> GetContainerAsync(string id)
    {
        var r = await ApiAsync(HttpMethod.Get, "/Payment/Containers/" + id);
        Assert.True(r.StatusCode == 200, $"read of {id} failed: {r}");
        Contract.AssertResponse(ContainerById, "get", r);
        Expect.ContainerRecord(r.Json);
        return r.Json;
    }

    /// <summary>A container list call, checked against the contract (narrowed when fields is given).</summary>
    public async Task<JsonElement> ListContainersAsync(string query = "")
    {
        var r = await ApiAsync(HttpMethod.Get, Containers + query);
        Assert.True(r.StatusCode == 200, $"container list {query} failed: {r}");
        var projected = query.Contains("fields=", StringComparison.Ordinal);
        Contract.AssertResponse(Containers, "get", r, projected);
        if (!projected && r.Json.TryGetProperty("data", out var data))
        {
            foreach (var container in data.EnumerateArray()) Expect.ContainerRecord(container);
        }
        return r.Json;
    }
}
