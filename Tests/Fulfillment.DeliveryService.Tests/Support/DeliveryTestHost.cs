using System.Globalization;
using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Cancellation;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tracking;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.ServiceDefaults.Hosting;
using Fulfillment.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Support;

/// <summary>
/// The service's own registrations (chassis included, so the real outbox writes real rows) on a fresh database, with a
/// manual clock, and <see cref="AssignDriver"/> on MassTransit's in-memory test harness. The host is never started:
/// no relay, no Kafka consumers, no ticker; tests publish to the harness and call the tracker themselves.
/// </summary>
public sealed class DeliveryTestHost : IAsyncDisposable
{
    /// <summary>36 km/h is 10 m/s: distances and times stay easy to reason about.</summary>
    public const double SpeedKmh = 36;

    public static readonly TimeSpan EtaInterval = TimeSpan.FromSeconds(5);

    public static readonly GeoPoint Destination = new(48.8566, 2.3522);

    /// <summary>The pool: about 0.4 km, 2.4 km and 5.8 km from <see cref="Destination"/>.</summary>
    public static readonly IReadOnlyList<DriverOptions> Pool =
    [
        new() { Id = "far", Latitude = 48.9000, Longitude = 2.4000 },
        new() { Id = "near", Latitude = 48.8600, Longitude = 2.3550 },
        new() { Id = "middle", Latitude = 48.8750, Longitude = 2.3700 },
    ];

    /// <summary>One driver, about 50 km north of <see cref="Destination"/>: busy for hours at 36 km/h, so a second order waits.</summary>
    public static readonly IReadOnlyList<DriverOptions> OneFarDriver = [new() { Id = "only", Latitude = 49.3000, Longitude = 2.3522 }];

    private readonly IHost _host;

    private DeliveryTestHost(IHost host, ManualClock clock, string connectionString)
    {
        _host = host;
        Clock = clock;
        ConnectionString = connectionString;
        Harness = host.Services.GetRequiredService<ITestHarness>();
    }

    public ManualClock Clock { get; }

    public string ConnectionString { get; }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>A fresh database and host; the pool is <paramref name="pool"/> (default <see cref="Pool"/>) plus
    /// <paramref name="fleetSize"/> drivers generated around <see cref="Destination"/> (Delivery:Fleet).</summary>
    public static async Task<DeliveryTestHost> StartAsync(
        string databasePrefix,
        IReadOnlyList<DriverOptions>? pool = null,
        double timeScale = 1,
        int fleetSize = 0,
        IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(databasePrefix);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = connectionString,
            ["Kafka:BootstrapServers"] = TestKafka.Shared.BootstrapServers,
            ["Outbox:RelayEnabled"] = "false",
            ["Delivery:SpeedKmh"] = SpeedKmh.ToString(CultureInfo.InvariantCulture),
            ["Delivery:EtaInterval"] = EtaInterval.ToString(),
            ["Delivery:TimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["Delivery:Seed"] = "7",
            ["Delivery:TickerEnabled"] = "false",
            ["Delivery:Fleet:Size"] = fleetSize.ToString(CultureInfo.InvariantCulture),
            ["Delivery:Fleet:Latitude"] = Destination.Latitude.ToString(CultureInfo.InvariantCulture),
            ["Delivery:Fleet:Longitude"] = Destination.Longitude.ToString(CultureInfo.InvariantCulture),
            ["Delivery:Fleet:RadiusKm"] = "15",
        };
        var drivers = pool ?? Pool;
        for (var i = 0; i < drivers.Count; i++)
        {
            settings[$"Delivery:Drivers:{i}:Id"] = drivers[i].Id;
            settings[$"Delivery:Drivers:{i}:Latitude"] = drivers[i].Latitude.ToString(CultureInfo.InvariantCulture);
            settings[$"Delivery:Drivers:{i}:Longitude"] = drivers[i].Longitude.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("delivery-service");
        builder.AddMessaging<DeliveryDbContext>();
        builder.Services.AddDelivery(builder.Configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        builder.Services.AddMassTransitTestHarness(x =>
        {
            x.AddChassisUnitOfWork<DeliveryDbContext>();
            x.AddConsumer<AssignDriver>();
            x.AddConsumer<CancelDelivery>();
        });
        var host = builder.Build();

        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        var testHost = new DeliveryTestHost(host, clock, connectionString);
        await testHost.Harness.Start();
        return testHost;
    }

    /// <summary>
    /// Publishes to the harness and waits until the message has been through the whole receive pipeline (the unit of
    /// work committed), failing on a fault.
    /// </summary>
    public async Task ConsumeAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        // The same event consumed twice (a redelivery) must be waited for twice: count the consumptions.
        var before = Harness.Consumed.Select<EventEnvelope<TPayload>>(m => m.Context.Message.EventId == envelope.EventId).Count();
        await Harness.Bus.Publish(envelope);
        var received = await Eventually.ReturnsAsync(
            () => Task.FromResult(Harness.Consumed.Select<EventEnvelope<TPayload>>(m => m.Context.Message.EventId == envelope.EventId).ToList()),
            consumed => consumed.Count > before,
            what: $"{envelope.EventType} {envelope.EventId} consumed");
        var last = received[^1];
        Assert.That(last.Exception, Is.Null, last.Exception?.ToString());
    }

    /// <summary>The delivery.assigned payloads the consumer published on the harness.</summary>
    public IReadOnlyList<DeliveryAssigned> PublishedAssignments() => Published<DeliveryAssigned>();

    /// <summary>The payloads of type <typeparamref name="TPayload"/> the consumers published on the harness.</summary>
    public IReadOnlyList<TPayload> Published<TPayload>()
        where TPayload : class =>
        [.. Harness.Published.Select<TPayload>().Select(m => m.Context.Message)];

    public async Task<TickResult> TickAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryTracker>().TickAsync(CancellationToken.None);
    }

    /// <summary>Moves the clock by one EtaInterval, then ticks.</summary>
    public async Task<TickResult> AdvanceAndTickAsync()
    {
        Clock.Advance(EtaInterval);
        return await TickAsync();
    }

    public async Task<T> QueryAsync<T>(Func<DeliveryDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        return await query(db);
    }

    public Task<Delivery> DeliveryOfAsync(string orderId) =>
        QueryAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.OrderId == orderId));

    public Task<Driver> DriverAsync(string driverId) =>
        QueryAsync(db => db.Drivers.AsNoTracking().SingleAsync(d => d.DriverId == driverId));

    public Task<List<EtaHistoryEntry>> HistoryAsync(Guid deliveryId) =>
        QueryAsync(db => db.EtaHistory.AsNoTracking().Where(h => h.DeliveryId == deliveryId).OrderBy(h => h.Sequence).ToListAsync());

    /// <summary>Envelopes written to the outbox for an order, in commit order, read back under the contract's rules.</summary>
    public async Task<IReadOnlyList<IEventEnvelope>> OutboxAsync(string orderId)
    {
        var rows = await QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageKey == orderId).OrderBy(m => m.Id).ToListAsync());
        return [.. rows.Select(row =>
        {
            Assert.That(row.Topic, Is.EqualTo(Topics.DeliveryEvents));
            var read = EnvelopeSerializer.Deserialize(row.Envelope);
            Assert.That(read.Succeeded, Is.True, read.Reason);
            return read.Envelope!;
        })];
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        _host.Dispose();
    }
}
