using System.Collections;
using System.Globalization;
using System.Management.Automation;
using SecuConnect.Commands;
using Xunit;

namespace SecuConnect.Tests;

/// <summary>
/// What a piped row says of its age (its Updated value, or Created beside an empty Updated), read the same on every
/// machine, so Set-SecuCustomer can refuse a row older than the server's last change.
/// </summary>
public class RowStampTests
{
    private static readonly DateTimeOffset Server = new(2026, 12, 7, 10, 5, 3, TimeSpan.Zero);

    private static RowStamp? Of(object row) => RowStamp.Of(PSObject.AsPSObject(row));

    [Fact]
    public void A_row_without_an_Updated_value_says_nothing_of_its_age()
    {
        Assert.Null(RowStamp.Of(null));
        Assert.Null(Of("PCU_1"));
        Assert.Null(Of(new Hashtable { ["Name"] = "Ada" }));
        Assert.Null(Of(new Hashtable { ["Updated"] = "  " }));
        Assert.Null(Of(new Hashtable { ["Updated"] = null, ["Created"] = "" }));
    }

    [Fact]
    public void An_Updated_value_matches_the_server_to_the_second()
    {
        var stamp = Of(new Hashtable { ["updated"] = " 2026-12-07T10:05:03Z " })!;
        Assert.Equal("2026-12-07T10:05:03Z", stamp.Text);
        Assert.True(stamp.Readable);
        Assert.False(stamp.NeverUpdated);
        Assert.True(Matches(stamp, Server.AddMilliseconds(900)));
        Assert.False(Matches(stamp, Server.AddSeconds(1)));
        Assert.False(Matches(stamp, Server.AddSeconds(-1)));
    }

    [Fact]
    public void An_empty_Updated_beside_a_Created_value_is_a_row_read_before_the_first_update()
    {
        var stamp = Of(new Hashtable { ["Updated"] = "", ["Created"] = "2026-12-01T08:00:00Z" })!;
        Assert.True(stamp.NeverUpdated);
        Assert.Equal("2026-12-01T08:00:00Z", stamp.Text);
        Assert.True(stamp.Readable);
    }

    [Fact]
    public void A_value_no_culture_reads_as_a_time_is_kept_for_the_message_but_not_readable()
    {
        var stamp = Of(new Hashtable { ["Updated"] = "last Tuesday" })!;
        Assert.False(stamp.Readable);
        Assert.Equal("last Tuesday", stamp.Text);
        Assert.False(Matches(stamp, Server));
    }

    [Theory]
    [InlineData("12/7/2026 10:05:03 AM +00:00")]
    [InlineData("07.12.2026 10:05:03 +00:00")]
    [InlineData("2026/12/07 10:05:03 +00:00")]
    [InlineData("2026-12-07 11:05:03 +01:00")]
    public void Export_Csv_text_of_any_common_culture_matches_under_the_invariant_culture(string text)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("Updated", text));
            Assert.True(Matches(RowStamp.Of(row)!, Server));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_time_object_keeps_its_instant_and_an_unspecified_DateTime_is_taken_as_UTC()
    {
        var offset = Of(new Hashtable { ["Updated"] = Server.ToOffset(TimeSpan.FromHours(2)) })!;
        Assert.Equal("2026-12-07T12:05:03.0000000+02:00", offset.Text);
        Assert.True(Matches(offset, Server));

        var unspecified = Of(new Hashtable { ["Updated"] = new DateTime(2026, 12, 7, 10, 5, 3, DateTimeKind.Unspecified) })!;
        Assert.True(Matches(unspecified, Server));
        Assert.False(unspecified.NeverUpdated);
    }

    [Fact]
    public void A_DateTimeOffset_after_Import_Clixml_is_read_from_its_UtcDateTime()
    {
        var bag = new PSObject();
        bag.Properties.Add(new PSNoteProperty("UtcDateTime", Server.UtcDateTime));
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("Updated", bag));
        var stamp = RowStamp.Of(row)!;
        Assert.Equal("2026-12-07T10:05:03.0000000+00:00", stamp.Text);
        Assert.True(Matches(stamp, Server));
    }

    /// <summary>True when the row is current against a server whose updated is <paramref name="server"/> (the API's ISO form).</summary>
    private static bool Matches(RowStamp stamp, DateTimeOffset server) =>
        stamp.Conflict(server.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture), "customer") == null;
}
