using System.Net;
using System.Text.Json;
using Fulfillment.EndToEnd.Tests.Api;

namespace Fulfillment.EndToEnd.Tests.Ordering;

/// <summary>A client retrying <c>POST /api/orders</c> with its Idempotency-Key gets one order, fulfilled once.</summary>
[TestFixture]
public sealed class IdempotentPlacementTests : EndToEndTest
{
    private const int ConcurrentAttempts = 5;

    [Test]
    public async Task The_same_key_and_body_sent_concurrently_and_again_later_place_one_order()
    {
        var customer = OrderBodies.UniqueCustomer("idem");
        var body = OrderBodies.Order(customer, "SKU-005", quantity: 1, unitPrice: 5.00m);
        var key = "e2e-" + Guid.NewGuid().ToString("N");

        // Several first attempts racing on a key nobody has used yet.
        var racing = await Task.WhenAll(Enumerable.Range(0, ConcurrentAttempts)
            .Select(_ => Api.SendOrderAsync(PlatformApi.JsonBody(body), key)));
        var answers = new List<(HttpStatusCode Status, PlacedOrder? Order)>();
        foreach (var response in racing)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                answers.Add((response.StatusCode, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<PlacedOrder>(text, PlatformApi.Json) : null));
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Select(a => a.Status), Is.All.AnyOf(HttpStatusCode.Accepted, HttpStatusCode.OK), "every attempt succeeds");
            Assert.That(answers.Count(a => a.Status == HttpStatusCode.Accepted), Is.EqualTo(1), "exactly one attempt created the order");
            Assert.That(answers.Select(a => a.Order?.OrderId).Distinct().Count(), Is.EqualTo(1), "every answer names the same order");
        }

        var orderId = answers[0].Order!.OrderId;

        // A retry after the fact: 200 with the original order.
        using (var retry = await Api.SendOrderAsync(PlatformApi.JsonBody(body), key))
        {
            var text = await retry.Content.ReadAsStringAsync();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
                Assert.That(JsonSerializer.Deserialize<PlacedOrder>(text, PlatformApi.Json)?.OrderId, Is.EqualTo(orderId));
                Assert.That(retry.Headers.Location?.ToString(), Does.EndWith(orderId));
            }
        }

        // The key names that request only: another body under it is refused, and creates nothing.
        var other = OrderBodies.Order(customer, "SKU-005", quantity: 2, unitPrice: 5.00m);
        using (var reused = await Api.SendOrderAsync(PlatformApi.JsonBody(other), key))
        {
            await Problems.AssertAsync(reused, HttpStatusCode.UnprocessableEntity);
        }

        // Once the order has gone all the way through the pipeline, a duplicate would be in the read model too.
        await Api.WaitForOrderAsync(orderId, o => OrderStatuses.IsWithDriver(o.Status), "with a driver");
        var orders = await Api.ListOrdersOfAsync(c => c == customer);

        Assert.That(orders.Select(o => o.OrderId), Is.EqualTo(new[] { orderId }), $"query-api's orders of {customer}");
    }
}
