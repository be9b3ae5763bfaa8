using Fulfillment.InvoiceService.Numbering;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.InvoiceService.Tests.Numbering;

/// <summary>
/// The database's own guard behind the service's numbering: a transaction that takes invoice numbers cannot commit
/// unless every one of them is on an invoice, so a bug that took one too many fails instead of leaving a gap.
/// </summary>
[TestFixture]
public sealed class GaplessGuardTests
{
    private string _connectionString = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() =>
        _connectionString = await TestPostgres.CreateMigratedDatabaseAsync("invoice_guard", typeof(InvoiceDbContext).Assembly);

    [Test]
    public async Task Numbers_taken_and_all_used_commit()
    {
        await using var connection = await OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO invoice_counters VALUES (2026, 2)");
            await InsertInvoiceAsync(connection, 2026, 1);
            await InsertInvoiceAsync(connection, 2026, 2);
            await transaction.CommitAsync();
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "UPDATE invoice_counters SET last_number = last_number + 1 WHERE year = 2026");
            await InsertInvoiceAsync(connection, 2026, 3);
            await transaction.CommitAsync();
        }

        Assert.That(await Sql.CountAsync(_connectionString, "SELECT count(*) FROM invoices"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_number_taken_and_left_unused_fails_the_commit()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "INSERT INTO invoice_counters VALUES (2026, 2)");
        await InsertInvoiceAsync(connection, 2026, 1);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => transaction.CommitAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.IntegrityConstraintViolation));
            Assert.That(failure.MessageText, Does.Contain("gap"));
            Assert.That(await Sql.CountAsync(_connectionString, "SELECT count(*) FROM invoice_counters"), Is.Zero, "nothing of it committed");
        }
    }

    [Test]
    public async Task Numbers_are_taken_only_inside_a_transaction()
    {
        var options = new DbContextOptionsBuilder<InvoiceDbContext>().UseNpgsql(_connectionString).Options;
        await using var db = new InvoiceDbContext(options);
        var numbers = new InvoiceNumbers(db, TimeProvider.System, NullLogger<InvoiceNumbers>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => numbers.ForOrderAsync("order-1", CancellationToken.None));
        Assert.That(await Sql.CountAsync(_connectionString, "SELECT count(*) FROM invoice_counters"), Is.Zero);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task InsertInvoiceAsync(NpgsqlConnection connection, int year, int sequence)
    {
        var number = new InvoiceNumber(year, sequence).ToString();
        await ExecuteAsync(
            connection,
            $"""
            INSERT INTO invoices VALUES ('{number}', {year}, {sequence}, 'order-{number}', 'cust-1', 'EUR', 1.00, 0, 0.00, 1.00,
                now(), now(), gen_random_uuid())
            """);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
