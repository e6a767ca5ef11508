using System.Net;
using System.Web;
using SecuConnect.Core;
using SecuConnect.Customers;
using Xunit;

namespace SecuConnect.Tests;

public class PagerTests
{
    private static string Item(int i) => $"{{\"id\":\"PCU_{i:D30}\",\"contact\":{{\"forename\":\"P{i}\"}}}}";

    private static string Page(int? total, IEnumerable<int> items, string? scrollId) =>
        "{" + (total.HasValue ? $"\"count\":{total}," : "") + "\"data\":[" + string.Join(",", items.Select(Item)) + "]" +
        (scrollId != null ? $",\"scroll_id\":\"{scrollId}\"" : "") + "}";

    private static (SecuClient client, FakeHandler handler, ApiLogQueue log) Setup(FakeHandler handler)
    {
        var log = new ApiLogQueue();
        return (new SecuClient(TestConnections.Create(handler), log), handler, log);
    }

    [Fact]
    public async Task Scroll_stops_when_the_total_is_reached()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(5, new[] { 1, 2 }, "s1"))
            .Then(HttpStatusCode.OK, Page(null, new[] { 3, 4 }, "s2"))
            .Then(HttpStatusCode.OK, Page(null, new[] { 5 }, "s3"));
        var (client, _, log) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery { PageSize = 2 }, CancellationToken.None).ToList());

        Assert.Equal(5, items.Count);
        var requests = handler.ApiRequests;
        Assert.Equal(3, requests.Count);
        var first = HttpUtility.ParseQueryString(requests[0].Query);
        Assert.Equal("2", first["count"]);
        Assert.Equal("5m", first["scroll_expire"]);
        Assert.Equal("scroll_id=s1", requests[1].Query);
        Assert.Equal("scroll_id=s2", requests[2].Query);
        Assert.DoesNotContain(SendTests.Drain(log), e => e.Level == ApiLogLevel.Warning);
    }

    [Fact]
    public async Task Scroll_ends_on_empty_data_when_no_total_is_given()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(null, new[] { 1, 2 }, "s1"))
            .Then(HttpStatusCode.OK, Page(null, new[] { 3 }, "s2"))
            .Then(HttpStatusCode.OK, Page(null, Array.Empty<int>(), "s3"));
        var (client, _, _) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery { PageSize = 2 }, CancellationToken.None).ToList());

        Assert.Equal(3, items.Count);
        Assert.Equal(3, handler.ApiRequests.Count);
    }

    [Fact]
    public async Task A_short_listing_warns()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(5, new[] { 1, 2 }, "s1"))
            .Then(HttpStatusCode.OK, Page(null, Array.Empty<int>(), "s2"));
        var (client, _, log) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery { PageSize = 2 }, CancellationToken.None).ToList());

        Assert.Equal(2, items.Count);
        var warning = Assert.Single(SendTests.Drain(log), e => e.Level == ApiLogLevel.Warning);
        Assert.Contains("Received 2 of 5", warning.Message);
    }

    [Fact]
    public async Task A_shifting_total_warns_once()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(4, new[] { 1, 2 }, "s1"))
            .Then(HttpStatusCode.OK, Page(3, new[] { 3 }, "s2"))
            .Then(HttpStatusCode.OK, Page(3, new[] { 4 }, "s3"))
            .Then(HttpStatusCode.OK, Page(3, Array.Empty<int>(), "s4"));
        var (client, _, log) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery { PageSize = 2 }, CancellationToken.None).ToList());

        Assert.Equal(4, items.Count);
        var warning = Assert.Single(SendTests.Drain(log), e => e.Level == ApiLogLevel.Warning);
        Assert.Contains("changed during the listing from 4 to 3", warning.Message);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_causes_no_further_request()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(1000, Enumerable.Range(1, 500), "s1"));
        var (client, _, _) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery(), CancellationToken.None).Take(3).ToList());

        Assert.Equal(3, items.Count);
        Assert.Single(handler.ApiRequests);
    }

    [Fact]
    public async Task First_and_skip_use_count_and_offset_and_never_ask_for_more_than_first()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(10, new[] { 4, 5 }, null))
            .Then(HttpStatusCode.OK, Page(10, new[] { 6 }, null));
        var (client, _, _) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery { PageSize = 2, First = 3, Skip = 3 }, CancellationToken.None).ToList());

        Assert.Equal(3, items.Count);
        var requests = handler.ApiRequests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("count=2&offset=3", requests[0].Query);
        Assert.Equal("count=1&offset=5", requests[1].Query);
    }

    [Fact]
    public async Task First_one_is_a_single_request_for_one_item()
    {
        var handler = new FakeHandler().Then(HttpStatusCode.OK, Page(10, new[] { 1 }, null));
        var (client, _, _) = Setup(handler);

        var items = await Task.Run(() => client.List(new ListQuery { First = 1 }, CancellationToken.None).ToList());

        Assert.Single(items);
        Assert.Equal("count=1", Assert.Single(handler.ApiRequests).Query);
    }

    [Fact]
    public async Task Filter_sort_and_fields_go_to_the_first_scroll_request_only()
    {
        var handler = new FakeHandler()
            .Then(HttpStatusCode.OK, Page(3, new[] { 1, 2 }, "s1"))
            .Then(HttpStatusCode.OK, Page(null, new[] { 3 }, "s2"));
        var (client, _, _) = Setup(handler);

        await Task.Run(() => client.List(new ListQuery { PageSize = 2, Filter = "contact.surname:M*", Sort = "id:asc", Fields = "contact.name" }, CancellationToken.None).ToList());

        var first = HttpUtility.ParseQueryString(handler.ApiRequests[0].Query);
        Assert.Equal("contact.surname:M*", first["q"]);
        Assert.Equal("id:asc", first["sort"]);
        Assert.Equal("contact.name", first["fields"]);
        Assert.Equal("scroll_id=s1", handler.ApiRequests[1].Query);
    }
}
