using System.Reflection;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.Testing;

/// <summary>
/// A service's consumers on MassTransit's in-memory test harness (already started), with the service's DbContext on a
/// test database: publish one envelope, wait until the consumer is done with it, look at what it published and wrote.
/// </summary>
public abstract class HarnessedConsumers<TDbContext>(ServiceProvider provider) : IAsyncDisposable
    where TDbContext : DbContext
{
    private static readonly CancellationToken AlreadyCancelled = new(canceled: true);

    private static readonly MethodInfo ConsumeSuccessfullyOfPayload = typeof(HarnessedConsumers<TDbContext>)
        .GetMethods()
        .Single(m => m.Name == nameof(ConsumeSuccessfullyAsync) && m.IsGenericMethodDefinition);

    public ITestHarness Harness { get; } = provider.GetRequiredService<ITestHarness>();

    public IServiceProvider Services => provider;

    /// <summary>
    /// What a harness of a service's consumers starts from: logging, the system clock, <typeparamref name="TDbContext"/>
    /// on <paramref name="connectionString"/>, and the test harness with the chassis' unit of work and
    /// <paramref name="addConsumers"/>'s consumers. The service's own registrations go on top.
    /// </summary>
    protected static ServiceCollection CreateServices(string connectionString, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<TDbContext>(options => options.UseNpgsql(connectionString));
        services.AddMassTransitTestHarness(x =>
        {
            // A bound, not a wait: the first consume of each kind compiles EF queries, slow on a busy 2-core machine.
            x.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(30));
            x.AddChassisUnitOfWork<TDbContext>();
            addConsumers(x);
        });
        return services;
    }

    /// <summary>Publishes an event and waits until the consumer has finished with it, successfully or not.</summary>
    public async Task<IReceivedMessage<EventEnvelope<TPayload>>> ConsumeAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        await Harness.Bus.Publish(envelope);
        var message = await Harness.Consumed
            .SelectAsync<EventEnvelope<TPayload>>(m => m.Context.Message.EventId == envelope.EventId)
            .FirstOrDefault();
        return message ?? throw new TimeoutException($"{envelope.EventType} {envelope.EventId} was not consumed in time");
    }

    /// <summary>Consumes and fails the test if the consumer threw.</summary>
    public async Task ConsumeSuccessfullyAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        var message = await ConsumeAsync(envelope);
        if (message.Exception is { } exception)
        {
            throw new InvalidOperationException($"The consumer of {envelope.EventType} {envelope.EventId} failed: {exception}", exception);
        }
    }

    /// <summary>
    /// <see cref="ConsumeSuccessfullyAsync{TPayload}"/> for an envelope known only by its interface, such as one of a
    /// list of events of several types in the order a test lets them arrive.
    /// </summary>
    public Task ConsumeSuccessfullyAsync(IEventEnvelope envelope) =>
        (Task)ConsumeSuccessfullyOfPayload.MakeGenericMethod(envelope.Payload.GetType()).Invoke(this, [envelope])!;

    /// <summary>
    /// What was published so far, without waiting: every consume a test awaited is complete, so its events are in.
    /// (Select without a cancelled token would wait for the harness' inactivity timeout.)
    /// </summary>
    public List<T> Published<T>()
        where T : class =>
        [.. Harness.Published.Select<T>(AlreadyCancelled).Select(m => m.Context.Message)];

    public async Task<T> QueryAsync<T>(Func<TDbContext, Task<T>> query)
    {
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await provider.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
