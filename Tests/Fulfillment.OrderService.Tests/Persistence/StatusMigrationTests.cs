using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.OrderService.Persistence;
using Fulfillment.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Persistence;

/// <summary>Migration 0002 on a database an older build wrote: its CREATED orders become PENDING, nothing else changes.</summary>
[TestFixture]
public sealed class StatusMigrationTests
{
    [Test]
    public async Task Orders_stored_as_CREATED_become_PENDING_with_no_step_yet()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("orders_migration");
        var orderId = Guid.CreateVersion7();
        // The schema as 0001 left it, with an order the older build stored (DbUp journals nothing yet: it runs 0001
        // again, which only creates what is missing, then 0002).
        await Sql.ScalarAsync(connectionString, await MigrationTextAsync("0001_orders.sql"));
        await Sql.ScalarAsync(
            connectionString,
            """
            INSERT INTO orders (order_id, customer_id, status, currency, total, delivery_lat, delivery_lon, correlation_id, created_at)
            VALUES (@id, 'customer-old', 'CREATED', 'EUR', 24.99, 48.85, 2.35, 'corr-old', now())
            """,
            ("id", orderId));

        await new SchemaMigrator(
                connectionString,
                [new MigrationSource("chassis", typeof(MessagingBuilder).Assembly), new MigrationSource("service", typeof(OrderDbContext).Assembly)],
                NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                await Sql.ScalarAsync(connectionString, "SELECT status FROM orders WHERE order_id = @id", ("id", orderId)),
                Is.EqualTo(OrderStatuses.Pending));
            Assert.That(
                await Sql.CountAsync(
                    connectionString,
                    "SELECT count(*) FROM orders WHERE order_id = @id AND customer_email IS NULL AND confirmed_at IS NULL AND total = 24.99",
                    ("id", orderId)),
                Is.EqualTo(1));
        }
    }

    private static async Task<string> MigrationTextAsync(string file)
    {
        var assembly = typeof(OrderDbContext).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        await using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
