using Fulfillment.Messages;
using Fulfillment.QueryApi.Orders.Projection;
using Fulfillment.QueryApi.Persistence;
using Fulfillment.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>The four projector consumers on MassTransit's in-memory test harness, writing to a real PostgreSQL database.</summary>
public sealed class ProjectionHarness(ServiceProvider provider) : HarnessedConsumers<QueryDbContext>(provider)
{
    public static async Task<ProjectionHarness> StartAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<QueryDbContext>(options => options.UseNpgsql(connectionString));
        services.AddScoped<OrderProjection>();
        services.AddMassTransitTestHarness(bus =>
        {
            // Every projector of the read model, as Program.cs registers them, so a new one cannot be left out here.
            bus.AddConsumers(
                type => type.Namespace == typeof(OrderEventsProjector).Namespace,
                typeof(OrderEventsProjector).Assembly);
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new ProjectionHarness(provider);
    }

    /// <summary>Publishes the envelope and waits until a projector has consumed it without a fault.</summary>
    public Task DeliverAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class =>
        ConsumeSuccessfullyAsync(envelope);

    /// <summary>Delivers the envelopes one after the other, in the order given.</summary>
    public async Task DeliverAllAsync(IEnumerable<IEventEnvelope> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            await DeliverAsync((dynamic)envelope);
        }
    }

    public Task<OrderRecord?> OrderAsync(string orderId) =>
        QueryAsync(db => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId));

    public Task<List<TimelineRecord>> TimelineAsync(string orderId) =>
        QueryAsync(db => db.Timeline.AsNoTracking().Where(t => t.OrderId == orderId).OrderBy(t => t.OccurredAt).ToListAsync());
}
