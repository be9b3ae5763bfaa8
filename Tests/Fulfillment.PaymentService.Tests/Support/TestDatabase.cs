using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.PaymentService.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fulfillment.PaymentService.Tests.Support;

public static class TestDatabase
{
    /// <summary>A fresh database with the chassis' and payment-service's migrations applied, as at service start.</summary>
    public static async Task<string> CreateAsync()
    {
        var connectionString = await DatabaseFixture.Postgres.CreateDatabaseAsync("payment", CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(
            dataSource,
            [
                new MigrationSource("chassis", typeof(MessagingBuilder).Assembly),
                new MigrationSource("service", typeof(PaymentDbContext).Assembly),
            ],
            NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        return connectionString;
    }
}
