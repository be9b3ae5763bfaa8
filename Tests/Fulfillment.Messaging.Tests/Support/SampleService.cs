using Fulfillment.Messaging.Hosting;
using Fulfillment.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>
/// A small service on the chassis: one consumer group on raw.order-events with the recording consumer (and what a test
/// adds to the group).
/// </summary>
public sealed class SampleService : IAsyncDisposable
{
    public const string GroupId = "sample-service";

    private readonly IHost _host;

    private SampleService(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<SampleService> StartAsync(
        string connectionString,
        string bootstrapServers,
        ConsumerBehavior behavior,
        IDictionary<string, string?>? settings = null,
        CapturingSink? logs = null,
        Action<ServiceDefaultsBuilder>? defaults = null,
        Action<ConsumerGroupBuilder>? group = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = connectionString,
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:Consumer:SessionTimeoutMs"] = "6000",
            ["Retry:Limit"] = "2",
            ["Retry:MinInterval"] = "00:00:00.010",
            ["Retry:MaxInterval"] = "00:00:00.050",
            ["Retry:IntervalDelta"] = "00:00:00.010",
            ["Retry:InfrastructureRetryInterval"] = "00:00:00.200",
            ["Outbox:PollInterval"] = "00:00:00.200",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults(GroupId, service =>
        {
            if (logs is not null)
            {
                service.ConfigureLogging(logging => logging.WriteTo.Sink(logs));
            }

            defaults?.Invoke(service);
        });
        builder.AddMessaging<SampleDbContext>(messaging => messaging.AddConsumerGroup(components =>
        {
            components.AddConsumer<RecordingConsumer>();
            group?.Invoke(components);
        }));
        builder.Services.AddSingleton(behavior);
        builder.Services.AddSingleton<UnitsOfWork>();
        var host = builder.Build();
        await host.StartAsync();
        return new SampleService(host);
    }

    public async Task<T> QueryAsync<T>(Func<SampleDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SampleDbContext>());
    }

    public Task<List<HandledEvent>> HandledAsync() =>
        QueryAsync(db => db.HandledEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

}
