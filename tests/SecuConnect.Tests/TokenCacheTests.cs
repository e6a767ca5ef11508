using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class TokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Counter
    {
        public int Calls;
    }

    private static TokenCache Cache(Counter counter, Func<DateTimeOffset> clock, long lifetime) =>
        new((_, _) =>
        {
            int n = Interlocked.Increment(ref counter.Calls);
            return Task.FromResult(new TokenResponse { AccessToken = "t" + n, ExpiresIn = lifetime });
        }, clock);

    [Fact]
    public async Task Renews_sixty_seconds_before_a_twenty_minute_token_expires()
    {
        var now = Start;
        var counter = new Counter();
        var cache = Cache(counter, () => now, 1200);

        Assert.Equal("t1", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));
        now = Start.AddSeconds(1139);
        Assert.Equal("t1", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));
        now = Start.AddSeconds(1140);
        Assert.Equal("t2", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));
        Assert.Equal(2, counter.Calls);
        Assert.Equal(now.AddSeconds(1200), cache.ExpiresOn);
    }

    [Fact]
    public async Task Renews_at_half_the_lifetime_when_that_is_shorter_than_sixty_seconds()
    {
        var now = Start;
        var counter = new Counter();
        var cache = Cache(counter, () => now, 20);

        await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None);
        now = Start.AddSeconds(9.9);
        Assert.Equal("t1", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));
        now = Start.AddSeconds(10);
        Assert.Equal("t2", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));
    }

    [Theory]
    [InlineData(1200, 1140)]
    [InlineData(120, 60)]
    [InlineData(100, 50)]
    [InlineData(2, 1)]
    public void Renewal_point_is_sixty_seconds_early_or_half_the_lifetime(int lifetime, int renewAfter)
    {
        Assert.Equal(TimeSpan.FromSeconds(renewAfter), TokenCache.RenewAfter(TimeSpan.FromSeconds(lifetime)));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var gate = new TaskCompletionSource<TokenResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        var cache = new TokenCache((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        }, () => Start);

        var callers = Enumerable.Range(0, 32)
            .Select(_ => Task.Run(() => cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None)))
            .ToArray();
        // Wait until the first caller is inside the fetch, then release it.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref calls) == 0 && DateTime.UtcNow < deadline) await Task.Yield();
        gate.SetResult(new TokenResponse { AccessToken = "shared", ExpiresIn = 1200 });
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, calls);
        Assert.All(tokens, t => Assert.Equal("shared", t));
    }

    [Fact]
    public async Task Invalidate_drops_only_the_refused_token()
    {
        var counter = new Counter();
        var cache = Cache(counter, () => Start, 1200);
        await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None);

        cache.Invalidate("some-older-token");
        Assert.Equal("t1", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));

        cache.Invalidate("t1");
        Assert.Equal("t2", await cache.GetTokenAsync(new ApiLogQueue(), CancellationToken.None));
    }
}
