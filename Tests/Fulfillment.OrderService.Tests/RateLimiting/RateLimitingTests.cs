using System.Net;
using Fulfillment.OrderService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.OrderRequests;

namespace Fulfillment.OrderService.Tests.RateLimiting;

/// <summary>
/// Order writes per client under a low configured limit (3 per minute, so no window ends during a test): the next
/// one is a 429 problem with Retry-After, other clients go on; a client is its address when anonymous, its token's
/// subject when authenticated.
/// </summary>
[TestFixture]
public sealed class RateLimitingTests
{
    private const int Limit = 3;

    private static readonly Dictionary<string, string?> LowLimit = new()
    {
        ["RateLimiting:Orders:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Orders:Window"] = "00:01:00",
        ["Outbox:RelayEnabled"] = "false",
    };

    private string _connectionString = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("orders_rate_limits");

    [Test]
    public async Task An_anonymous_client_over_its_limit_gets_429_with_Retry_After_and_another_address_does_not()
    {
        await using var factory = Start(LowLimit);
        using var client = factory.CreateClient();

        var accepted = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++)
        {
            using var response = await client.SendAsync(Place("10.0.0.1"));
            accepted.Add(response.StatusCode);
        }

        using var refused = await client.SendAsync(Place("10.0.0.1"));
        using var other = await client.SendAsync(Place("10.0.0.2"));

        Assert.That(accepted, Is.All.EqualTo(HttpStatusCode.Accepted));
        var problem = await Problem.AssertAsync(refused, (HttpStatusCode)429);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60), "Retry-After in whole seconds, within the window");
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("retry after"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "another client is not throttled");
        }
    }

    [Test]
    public async Task Cancellations_share_the_budget_of_placements_and_reads_are_not_limited()
    {
        await using var factory = Start(LowLimit);
        using var client = factory.CreateClient();
        var orderIds = new List<string>();
        for (var i = 0; i < Limit; i++)
        {
            using var placed = await client.SendAsync(Place("10.0.1.1"));
            orderIds.Add((await ReadAsync(placed)).GetProperty("orderId").GetString()!);
        }

        using var cancel = await client.SendAsync(From(Cancel(orderIds[0]), "10.0.1.1"));
        using var read = await client.SendAsync(From(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderIds[0]}"), "10.0.1.1"));

        await Problem.AssertAsync(cancel, (HttpStatusCode)429);
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_authenticated_client_is_limited_by_its_subject_not_its_address()
    {
        await using var factory = Start(new Dictionary<string, string?>(LowLimit).Concat(TestTokens.Settings).ToDictionary());
        using var client = factory.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            using var response = await client.SendAsync(Place("10.0.2.1", anonymous: false).WithBearer(TestTokens.For("customer-busy")));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        using var refused = await client.SendAsync(Place("10.0.2.1", anonymous: false).WithBearer(TestTokens.For("customer-busy")));
        using var sameAddress = await client.SendAsync(Place("10.0.2.1", anonymous: false).WithBearer(TestTokens.For("customer-calm")));

        await Problem.AssertAsync(refused, (HttpStatusCode)429);
        Assert.That(sameAddress.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "another customer behind the same address");
    }

    [Test]
    public async Task With_rate_limiting_off_nothing_is_throttled()
    {
        await using var factory = Start(new Dictionary<string, string?>(LowLimit) { ["RateLimiting:Enabled"] = "false" });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 2; i++)
        {
            using var response = await client.SendAsync(Place("10.0.3.1"));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Accepted));
    }

    private AddressedServiceFactory Start(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new AddressedServiceFactory(_connectionString, TestKafka.Shared.BootstrapServers, settings);
        factory.Start();
        return factory;
    }

    /// <summary>A placement from <paramref name="address"/>; with <paramref name="anonymous"/> false, for the token's subject.</summary>
    private static HttpRequestMessage Place(string address, bool anonymous = true)
    {
        var body = Bodies.ValidOrder("customer-paced");
        if (!anonymous)
        {
            body.Remove("customerId");
        }

        return From(Bodies.Post(Bodies.Json(body)), address);
    }

    private static HttpRequestMessage From(HttpRequestMessage request, string address)
    {
        request.Headers.TryAddWithoutValidation(AddressedServiceFactory.Header, address);
        return request;
    }
}
