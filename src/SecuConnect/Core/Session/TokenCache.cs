using System;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;

namespace SecuConnect.Core
{
    /// <summary>
    /// Holds the current access token in memory only and renews it before it expires: 60 s early, or at half the
    /// lifetime when that is shorter. Renewal is single-flight, so concurrent requests share one token request.
    /// </summary>
    internal sealed class TokenCache : IDisposable
    {
        public static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(60);
        private const long DefaultLifetimeSec = 1200;
        internal const long MaxLifetimeSec = 86400;

        private readonly Func<ApiLogQueue, CancellationToken, Task<TokenResponse>> _fetch;
        private readonly Func<DateTimeOffset> _clock;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        // Cancelled by Dispose: requests waiting for a renewal in progress end at once instead of waiting forever.
        private readonly CancellationTokenSource _closed = new CancellationTokenSource();
        private TokenState? _state;

        public TokenCache(Func<ApiLogQueue, CancellationToken, Task<TokenResponse>> fetch, Func<DateTimeOffset> clock)
        {
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        public DateTimeOffset? ExpiresOn => Volatile.Read(ref _state)?.ExpiresOn;

        /// <summary>When to renew a token of <paramref name="lifetime"/>: 60 s early, or at half the lifetime when shorter.</summary>
        public static TimeSpan RenewAfter(TimeSpan lifetime)
        {
            var half = TimeSpan.FromTicks(lifetime.Ticks / 2);
            var margin = half < RenewalMargin ? half : RenewalMargin;
            return lifetime - margin;
        }

        public async Task<string> GetTokenAsync(ApiLogQueue log, CancellationToken cancellationToken)
        {
            var state = Volatile.Read(ref _state);
            if (state != null && _clock() < state.RenewOn) return state.Token;

            if (_closed.IsCancellationRequested) throw new ObjectDisposedException(nameof(TokenCache));
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token))
            {
                try
                {
                    await _gate.WaitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_closed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ObjectDisposedException(nameof(TokenCache));
                }
            }
            try
            {
                state = Volatile.Read(ref _state);
                if (state != null && _clock() < state.RenewOn) return state.Token;

                var response = await _fetch(log, cancellationToken).ConfigureAwait(false);
                if (_closed.IsCancellationRequested) throw new ObjectDisposedException(nameof(TokenCache));
                var now = _clock();
                long seconds = response.ExpiresIn.HasValue && response.ExpiresIn.Value > 0 ? response.ExpiresIn.Value : DefaultLifetimeSec;
                // A lifetime beyond a day (or beyond what a TimeSpan holds) is renewed after a day: harmless, and never an overflow.
                if (seconds > MaxLifetimeSec) seconds = MaxLifetimeSec;
                var lifetime = TimeSpan.FromSeconds(seconds);
                state = new TokenState(response.AccessToken!, now + lifetime, now + RenewAfter(lifetime)); // the fetch refuses an answer without one
                Volatile.Write(ref _state, state);
                return state.Token;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Drops <paramref name="token"/> after the API refused it; a newer token fetched meanwhile stays.</summary>
        public void Invalidate(string? token)
        {
            var state = Volatile.Read(ref _state);
            if (state != null && string.Equals(state.Token, token, StringComparison.Ordinal))
                Interlocked.CompareExchange(ref _state, null, state);
        }

        public void Clear() => Volatile.Write(ref _state, null);

        public void Dispose()
        {
            // The semaphore is not disposed: a renewal in progress still releases it. It holds no wait handle.
            try { _closed.Cancel(); } catch (ObjectDisposedException) { }
            Clear();
        }

        private sealed class TokenState
        {
            public TokenState(string token, DateTimeOffset expiresOn, DateTimeOffset renewOn)
            {
                Token = token;
                ExpiresOn = expiresOn;
                RenewOn = renewOn;
            }

            public string Token { get; }
            public DateTimeOffset ExpiresOn { get; }
            public DateTimeOffset RenewOn { get; }
        }
    }
}
