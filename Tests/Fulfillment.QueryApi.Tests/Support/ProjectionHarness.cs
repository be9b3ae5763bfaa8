using Fulfillment.Messages;
using Fulfillment.QueryApi.Orders.Projection;
using Fulfillment.QueryApi.Persistence;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>The four projector consumers on MassTransit's in-memory test harness, writing to a real PostgreSQL database.</summary>
public sealed class ProjectionHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly ITestHarness _harness;

    private ProjectionHarness(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        _harness = harness;
    }

    public static async Task<ProjectionHarness> StartAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<QueryDbContext>(options => options.UseNpgsql(connectionString));
        services.AddScoped<OrderProjection>();
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddConsumer<OrderEventsProjector>();
            bus.AddConsumer<InventoryEventsProjector>();
            bus.AddConsumer<PaymentEventsProjector>();
            bus.AddConsumer<DeliveryEventsProjector>();
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new ProjectionHarness(provider, harness);
    }

    /// <summary>Publishes the envelope and waits until a projector has consumed it without a fault.</summary>
    public async Task DeliverAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        await _harness.Bus.Publish(envelope);
        var consumed = await _harness.Consumed
            .SelectAsync<EventEnvelope<TPayload>>(m => m.Context.Message.EventId == envelope.EventId)
            .FirstOrDefault();
        Assert.That(consumed, Is.Not.Null, $"{envelope.EventType} {envelope.EventId} was not consumed");
        Assert.That(consumed!.Exception, Is.Null, $"{envelope.EventType} {envelope.EventId} faulted");
    }

    /// <summary>Delivers the envelopes one after the other, in the order given.</summary>
    public async Task DeliverAllAsync(IEnumerable<IEventEnvelope> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            await DeliverAsync((dynamic)envelope);
        }
    }

    public async Task<OrderRecord?> OrderAsync(string orderId)
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QueryDbContext>();
        return await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId);
    }

    public async Task<List<TimelineRecord>> TimelineAsync(string orderId)
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QueryDbContext>();
        return await db.Timeline.AsNoTracking().Where(t => t.OrderId == orderId).OrderBy(t => t.OccurredAt).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }
}
