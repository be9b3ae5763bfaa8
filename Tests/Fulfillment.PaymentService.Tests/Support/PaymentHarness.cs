using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Persistence;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>
/// The payment consumer on MassTransit's in-memory test harness, with its DbContext on a fresh PostgreSQL database
/// and the simulated gateway registered as the service registers it, from <c>Payment:Gateway</c> settings.
/// </summary>
public sealed class PaymentHarness : IAsyncDisposable
{
    private static readonly CancellationToken AlreadyCancelled = new(canceled: true);

    private readonly ServiceProvider _provider;

    private PaymentHarness(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
    }

    public ITestHarness Harness { get; }

    /// <param name="gatewaySettings">Keys under <c>Payment:Gateway</c>, such as <c>TransientFailureRate</c>.</param>
    /// <param name="immediateRetries">Retries the in-memory endpoint makes, standing in for the chassis' retry policy.</param>
    public static async Task<PaymentHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? gatewaySettings = null, int immediateRetries = 0)
    {
        var connectionString = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection((gatewaySettings ?? new Dictionary<string, string?>())
                .Select(setting => KeyValuePair.Create($"{PaymentGatewayOptions.SectionName}:{setting.Key}", setting.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PaymentDbContext>(options => options.UseNpgsql(connectionString));
        services.AddSimulatedPaymentGateway(configuration);
        services.AddMassTransitTestHarness(x =>
        {
            // A bound, not a wait: the first consume compiles EF queries, slow on a busy 2-core machine.
            x.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(30));
            if (immediateRetries > 0)
            {
                x.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(r => r.Immediate(immediateRetries)));
            }

            x.AddChassisUnitOfWork<PaymentDbContext>();
            x.AddConsumer<AuthorizePayment>();
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new PaymentHarness(provider, harness);
    }

    /// <summary>Publishes an event and waits until the consumer has finished with it, successfully or not.</summary>
    public async Task<IReceivedMessage<EventEnvelope<TPayload>>> ConsumeAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        await Harness.Bus.Publish(envelope);
        var message = await Harness.Consumed
            .SelectAsync<EventEnvelope<TPayload>>(m => m.Context.Message.EventId == envelope.EventId)
            .FirstOrDefault();
        Assert.That(message, Is.Not.Null, $"{envelope.EventType} {envelope.EventId} was not consumed in time");
        return message!;
    }

    /// <summary>Consumes and fails the test if the consumer threw.</summary>
    public async Task ConsumeSuccessfullyAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        var message = await ConsumeAsync(envelope);
        Assert.That(message.Exception, Is.Null, () => $"consumer failed: {message.Exception}");
    }

    /// <summary>What was published so far, without waiting for the harness' inactivity timeout.</summary>
    public List<T> Published<T>()
        where T : class =>
        [.. Harness.Published.Select<T>(AlreadyCancelled).Select(m => m.Context.Message)];

    public async Task<T> QueryAsync<T>(Func<PaymentDbContext, Task<T>> query)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentDbContext>());
    }

    public Task<List<Payment>> PaymentsAsync(string orderId) =>
        QueryAsync(db => db.Payments.AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
