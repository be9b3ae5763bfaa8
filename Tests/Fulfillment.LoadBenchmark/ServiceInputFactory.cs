using System.Globalization;
using Fulfillment.Messages;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// The input the upstream service would have published: <c>order.created</c> as order-service writes it (lines and
/// address as the end-to-end load's <see cref="OrderBodyFactory"/> draws them), or <c>payment.authorized</c> as
/// payment-service does (the same addresses, around the fleet's centre). A unique order id per event.
/// </summary>
public sealed class ServiceInputFactory(LoadOptions options, string runId, int round)
{
    private readonly OrderBodyFactory _orders = new(options, runId);

    public IEventEnvelope Create(ServiceUnderTest service, int index)
    {
        var orderId = string.Create(CultureInfo.InvariantCulture, $"sb-{runId}-{round}-{index:D7}");
        var now = DateTimeOffset.UtcNow;
        if (service == ServiceUnderTest.Inventory)
        {
            var lines = _orders.NextSkus().Select(s => new OrderLine(OrderBodyFactory.Sku(s), 1, OrderBodyFactory.UnitPrice)).ToList();
            var order = new OrderCreated(_orders.CustomerOf(index), lines, lines.Count * OrderBodyFactory.UnitPrice, "EUR", NextAddress());
            return new EventEnvelope<OrderCreated>(
                Guid.CreateVersion7(now), EventTypes.OrderCreated, 1, now, now, orderId, orderId, null, "order-service", order);
        }

        var payment = new PaymentAuthorized("pay-" + orderId, OrderBodyFactory.UnitPrice, "EUR", "AUTH-BENCH", NextAddress());
        return new EventEnvelope<PaymentAuthorized>(
            Guid.CreateVersion7(now), EventTypes.PaymentAuthorized, 1, now, now, orderId, orderId, Guid.CreateVersion7(now).ToString(), "payment-service", payment);
    }

    private GeoPoint NextAddress()
    {
        var (latitude, longitude) = _orders.NextAddress();
        return new GeoPoint(Math.Round(latitude, 6), Math.Round(longitude, 6));
    }
}
