using Fulfillment.InvoiceService.Invoices;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using static Fulfillment.InvoiceService.Tests.Support.Envelopes;

namespace Fulfillment.InvoiceService.Tests.Invoices;

/// <summary>
/// Confirmations and verdicts in one unit of work with the batch preparer, as the consumer host batches a lane: the
/// preparer must take exactly the invoice and credit note numbers the consumers use (the database refuses to commit
/// one taken and left unused), and a confirmation with its verdict in the same batch issues nothing.
/// </summary>
[TestFixture]
public sealed class SameBatchTests
{
    private ServiceProvider _provider = null!;

    [SetUp]
    public async Task StartAsync()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("invoice", typeof(InvoiceDbContext).Assembly);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero)));
        services.AddDbContext<InvoiceDbContext>(options => options.UseNpgsql(connectionString));
        services.AddScoped<DbContext>(provider => provider.GetRequiredService<InvoiceDbContext>());
        services.AddInvoicing(new ConfigurationBuilder().Build());
        services.AddScoped<InvoiceBatchPreparer>();
        services.AddMediator(mediator =>
        {
            mediator.AddConsumer<IssueInvoice>();
            mediator.AddConsumer<CreditInvoice>();
        });
        _provider = services.BuildServiceProvider(validateScopes: true);
    }

    [TearDown]
    public async Task StopAsync() => await _provider.DisposeAsync();

    [Test]
    public async Task Confirmation_with_its_verdict_in_the_same_batch_issues_nothing()
    {
        await HandleBatchAsync([OrderConfirmed("order-1"), DeliveryCancelled("order-1"), OrderConfirmed("order-2")]);
        await HandleBatchAsync([OrderConfirmed("order-1")]);

        var invoices = await QueryAsync(db => db.Invoices.Select(i => new { i.OrderId, i.InvoiceNumber }).ToListAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(invoices.Select(i => (i.OrderId, i.InvoiceNumber)), Is.EqualTo(new[] { ("order-2", "INV-2026-000001") }));
            Assert.That(await QueryAsync(db => db.CreditNotes.CountAsync()), Is.Zero);
            Assert.That(await QueryAsync(db => db.UninvoicedCancellations.Select(c => c.OrderId).ToListAsync()), Is.EqualTo(new[] { "order-1" }));
        }
    }

    [Test]
    public async Task Batch_of_verdicts_and_confirmations_takes_exactly_the_numbers_it_uses()
    {
        await HandleBatchAsync([OrderConfirmed("order-1"), OrderConfirmed("order-2")]);

        // Two verdicts for order-1 (one credit note), one for an order never invoiced, one for order-2, new invoices.
        await HandleBatchAsync(
        [
            DeliveryFailed("order-1"), OrderConfirmed("order-3"), DeliveryCancelled("order-1"), DeliveryCancelled("order-9"),
            DeliveryCancelled("order-2"), OrderConfirmed("order-4"),
        ]);

        var creditNotes = await QueryAsync(db => db.CreditNotes.OrderBy(c => c.Sequence).Select(c => new { c.CreditNoteNumber, c.OrderId, c.Reason }).ToListAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                creditNotes.Select(c => (c.CreditNoteNumber, c.OrderId, c.Reason)),
                Is.EqualTo(new[] { ("CN-2026-000001", "order-1", "delivery failed"), ("CN-2026-000002", "order-2", "order cancelled") }));
            Assert.That(await QueryAsync(db => db.Invoices.CountAsync()), Is.EqualTo(4));
        }
    }

    private async Task HandleBatchAsync(IReadOnlyList<IEventEnvelope> batch) =>
        await MediatorBatch.HandleAsync<InvoiceDbContext, InvoiceBatchPreparer, bool>(_provider, batch, _ => true);

    private async Task<T> QueryAsync<T>(Func<InvoiceDbContext, Task<T>> query)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InvoiceDbContext>());
    }
}
