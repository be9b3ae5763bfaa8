using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Persistence;

namespace Fulfillment.Messaging.Hosting;

/// <summary>Before any hosted service starts: the database exists and is migrated, and the topics exist.</summary>
internal sealed class ChassisStartup(SchemaMigrator migrator, TopicProvisioner topics) : StartupTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await topics.EnsureTopicsAsync(cancellationToken);
    }
}
