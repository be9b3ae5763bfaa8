using Fulfillment.Messages;
using Fulfillment.Messaging.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

/// <summary>The same consumer classes the chassis hosts run unchanged on MassTransit's test harness.</summary>
public sealed class HarnessTests
{
    public sealed class ReserveEverything : IConsumer<EventEnvelope<OrderCreated>>
    {
        public Task Consume(ConsumeContext<EventEnvelope<OrderCreated>> context) =>
            context.Publish(new InventoryReserved(
                "res-1", "WH-1", [.. context.Message.Payload.Items.Select(i => new StockLine(i.Sku, i.Quantity))],
                context.Message.Payload.CustomerId, context.Message.Payload.Total, context.Message.Payload.Currency,
                context.Message.Payload.DeliveryAddress));
    }

    [Test]
    public async Task A_consumer_consumes_the_envelope_and_publishes_the_next_payload()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddConsumer<ReserveEverything>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var order = TestEvents.OrderCreated("order-harness", sequence: 2);
        await harness.Bus.Publish(order);

        Assert.That(await harness.GetConsumerHarness<ReserveEverything>().Consumed.Any<EventEnvelope<OrderCreated>>(), Is.True);
        var published = harness.Published.Select<InventoryReserved>().Single().Context.Message;
        Assert.That(published.Amount, Is.EqualTo(order.Payload.Total));
        Assert.That(published.Lines.Single(), Is.EqualTo(new StockLine("SKU-1", 2)));
    }
}
