using SecuConnect.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SecuConnect.Sandbox.Tests;

/// <summary>The sandbox settings that play a client with fewer rights: masked containers, refused container deletes.</summary>
public sealed class ContainerSettingsTests(SandboxProcess sandbox) : IClassFixture<SandboxProcess>, IAsyncLifetime
{
    private const string Iban = "DE89370400440532013000";

    public Task InitializeAsync() => sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MaskedContainersShowTheShortenedIbanAndNoPrivatePart()
    {
        string id = (await sandbox.CreateBankAccountAsync(Iban, "Ada Lovelace")).GetProperty("id").GetString()!;
        await sandbox.PutSettingsAsync(new { maskContainers = true });

        var read = await sandbox.GetContainerAsync(id);
        Assert.False(read.TryGetProperty("private", out _));
        Assert.Equal("DE89XXXXXXXXXXXXXX3000", Expect.At(read, "public.iban"));
        Assert.Equal("DE89XXXXXXXXXXXXXX3000", Expect.At(read, "mandate.iban"));
        Assert.Equal("Ada Lovelace", Expect.At(read, "public.owner"));
        Assert.Equal("COBADEFFXXX", Expect.At(read, "public.bic"));
        Assert.DoesNotContain(Iban, (await sandbox.ApiAsync(HttpMethod.Get, "/Payment/Containers")).Body);
        // Nor can the full number be searched for.
        Assert.Equal(0, (await sandbox.ListContainersAsync("?q=private.iban:" + Iban)).GetProperty("count").GetInt32());
        Assert.Equal(0, (await sandbox.ListContainersAsync("?q=public.iban:" + Iban)).GetProperty("count").GetInt32());

        var settings = await sandbox.ControlAsync(HttpMethod.Get, "/settings");
        Assert.True(settings.Json.GetProperty("maskContainers").GetBoolean());

        await sandbox.PutSettingsAsync(new { maskContainers = false });
        Assert.Equal(Iban, Expect.At(await sandbox.GetContainerAsync(id), "private.iban"));
    }

    [Fact]
    public async Task ForbiddenDeletesAnswerThePermissionError()
    {
        string id = (await sandbox.CreateBankAccountAsync(Iban)).GetProperty("id").GetString()!;
        await sandbox.PutSettingsAsync(new { containerDeletes = "forbidden" });

        var refused = await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + id);
        Expect.Error(refused, 403, "ProductNotAllowedException", "needs additional access rights", code: 403);
        Contract.AssertResponse(SandboxProcess.ContainerById, "delete", refused);
        await sandbox.GetContainerAsync(id);
        Assert.Equal("forbidden", (await sandbox.ControlAsync(HttpMethod.Get, "/settings")).Json.GetProperty("containerDeletes").GetString());

        // A reset restores the start-up settings: deletes allowed again.
        await sandbox.ResetAsync();
        Assert.Equal("allowed", (await sandbox.ControlAsync(HttpMethod.Get, "/settings")).Json.GetProperty("containerDeletes").GetString());
        id = (await sandbox.CreateBankAccountAsync(Iban)).GetProperty("id").GetString()!;
        Assert.Equal(200, (await sandbox.ApiAsync(HttpMethod.Delete, "/Payment/Containers/" + id)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownDeleteSettingIsRefused()
    {
        var r = await sandbox.ControlAsync(HttpMethod.Put, "/settings", new { containerDeletes = "sometimes" });
        Expect.Error(r, 400, "ProductFormatException", "containerDeletes must be \"allowed\" or \"forbidden\"");
    }

    [Fact]
    public async Task AResetEmptiesTheContainers()
    {
        await sandbox.CreateBankAccountAsync(Iban);
        await sandbox.ResetAsync();
        Assert.Equal(0, (await sandbox.ListContainersAsync()).GetProperty("count").GetInt32());
    }
}
