using System.Globalization;

namespace SecuConnect.Sandbox.Http;

/// <summary>Timestamps as the API writes them.</summary>
public static class ApiClock
{
    /// <summary>Now in the configured zone: yyyy-MM-ddTHH:mm:ss+hh:mm, no fractions, never Z.</summary>
    public static string Now(TimeProvider time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
