using Fulfillment.InvoiceService.Invoices;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.InvoiceService.Tests.Support;

/// <summary>
/// The invoice consumers on MassTransit's in-memory test harness, with its DbContext on a fresh PostgreSQL database,
/// the invoicing registered as the service registers it (from <c>Invoice</c> settings), and a manual clock.
/// </summary>
/// <remarks>No batch preparer here (the harness has none): every number is taken by the consumer itself.</remarks>
public sealed class InvoiceHarness(ServiceProvider provider, string connectionString, ManualClock clock)
    : HarnessedConsumers<InvoiceDbContext>(provider)
{
    /// <summary>Where the clock starts unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = clock;

    public string ConnectionString { get; } = connectionString;

    /// <param name="settings">Keys under <c>Invoice</c>, such as <c>TaxRates:EUR</c> or <c>PaymentTerm</c>.</param>
    /// <param name="now">Where the clock starts; <see cref="Start"/> unless given.</param>
    public static async Task<InvoiceHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("invoice", typeof(InvoiceDbContext).Assembly);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection((settings ?? new Dictionary<string, string?>())
                .Select(setting => KeyValuePair.Create($"{InvoiceOptions.SectionName}:{setting.Key}", setting.Value)))
            .Build();
        var clock = new ManualClock(now ?? Start);
        var services = CreateServices(connectionString, x =>
        {
            x.AddConsumer<IssueInvoice>();
            x.AddConsumer<CreditInvoice>();
        });
        services.AddSingleton<TimeProvider>(clock);
        services.AddInvoicing(configuration);

        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new InvoiceHarness(provider, connectionString, clock);
    }

    public Task<List<Invoice>> InvoicesAsync(string orderId) =>
        QueryAsync(db => db.Invoices.AsNoTracking().Include(i => i.Items).Where(i => i.OrderId == orderId).ToListAsync());

    public Task<List<CreditNote>> CreditNotesAsync(string orderId) =>
        QueryAsync(db => db.CreditNotes.AsNoTracking().Where(c => c.OrderId == orderId).ToListAsync());

    /// <summary>The last number taken in <paramref name="year"/>, 0 when none was.</summary>
    public Task<long> LastNumberAsync(int year) =>
        Sql.CountAsync(ConnectionString, "SELECT coalesce(max(last_number), 0) FROM invoice_counters WHERE year = @year", ("year", year));

    /// <summary>The last credit note number taken in <paramref name="year"/>, 0 when none was.</summary>
    public Task<long> LastCreditNoteNumberAsync(int year) =>
        Sql.CountAsync(ConnectionString, "SELECT coalesce(max(last_number), 0) FROM credit_note_counters WHERE year = @year", ("year", year));
}
