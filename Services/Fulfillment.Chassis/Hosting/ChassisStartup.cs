using Fulfillment.Chassis.Kafka;
using Fulfillment.Chassis.Persistence;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.Chassis.Hosting;

/// <summary>Before any hosted service starts: the database exists and is migrated, and the topics exist.</summary>
internal sealed class ChassisStartup(SchemaMigrator migrator, TopicProvisioner topics) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await topics.EnsureTopicsAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
