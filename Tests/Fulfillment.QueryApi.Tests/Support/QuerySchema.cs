using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.QueryApi.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>Runs the same migrations the service runs at start-up, without starting the service.</summary>
public static class QuerySchema
{
    public static async Task MigrateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(
            dataSource,
            [
                new MigrationSource("chassis", typeof(MessagingBuilder).Assembly),
                new MigrationSource("service", typeof(QueryDbContext).Assembly),
            ],
            NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
    }
}
