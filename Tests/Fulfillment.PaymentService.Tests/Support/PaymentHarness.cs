using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Persistence;
using Fulfillment.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>
/// The payment consumer on MassTransit's in-memory test harness, with its DbContext on a fresh PostgreSQL database
/// and the simulated gateway registered as the service registers it, from <c>Payment:Gateway</c> settings.
/// </summary>
public sealed class PaymentHarness(ServiceProvider provider, string connectionString) : HarnessedConsumers<PaymentDbContext>(provider)
{
    /// <param name="gatewaySettings">Keys under <c>Payment:Gateway</c>, such as <c>TransientFailureRate</c>.</param>
    /// <param name="connectionString">An existing payment database (another harness's, to go on from its state); a fresh one if null.</param>
    /// <remarks>
    /// No retry: the harness has none of the chassis' consumer host. Retries are tested where they run, on the real
    /// host (<c>TransientFailureTests</c> through Kafka, and the messaging tests).
    /// </remarks>
    public static async Task<PaymentHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? gatewaySettings = null, string? connectionString = null)
    {
        connectionString ??= await TestPostgres.CreateMigratedDatabaseAsync("payment", typeof(PaymentDbContext).Assembly);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection((gatewaySettings ?? new Dictionary<string, string?>())
                .Select(setting => KeyValuePair.Create($"{PaymentGatewayOptions.SectionName}:{setting.Key}", setting.Value)))
            .Build();
        var services = CreateServices(connectionString, x =>
        {
            x.AddConsumer<AuthorizePayment>();
            x.AddConsumer<CompensatePayment>();
        });
        services.AddPayments(configuration);

        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new PaymentHarness(provider, connectionString);
    }

    public string ConnectionString { get; } = connectionString;

    public Task<List<Payment>> PaymentsAsync(string orderId) =>
        QueryAsync(db => db.Payments.AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync());
}
