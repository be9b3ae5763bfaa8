using Fulfillment.Messages;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>The state machine on MassTransit's in-memory test harness, with its in-memory repository.</summary>
public sealed class SagaHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private SagaHarness(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
        Saga = harness.GetSagaStateMachineHarness<OrderStateMachine, OrderState>();
    }

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<OrderStateMachine, OrderState> Saga { get; }

    public OrderStateMachine Machine => Saga.StateMachine;

    public static async Task<SagaHarness> StartAsync(TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddMassTransitTestHarness(x =>
        {
            x.AddSagaStateMachine<OrderStateMachine, OrderState>().InMemoryRepository();
            x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(10));
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new SagaHarness(provider, harness);
    }

    /// <summary>Publishes the envelope and returns once the saga has consumed this very delivery of it.</summary>
    public async Task DeliverAsync(IEventEnvelope envelope)
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(envelope, envelope.GetType(), Pipe.Execute<PublishContext>(context => context.MessageId = messageId));
        if (!await Saga.Consumed.Any(m => m.Context.MessageId == messageId))
        {
            throw new TimeoutException($"The saga did not consume {envelope.EventType} {envelope.EventId}.");
        }

        var delivery = Saga.Consumed.Select(m => m.Context.MessageId == messageId).First();
        if (delivery.Exception is { } failure)
        {
            throw new InvalidOperationException($"The saga failed on {envelope.EventType}.", failure);
        }
    }

    /// <summary>Delivers the envelopes one after the other, each consumed before the next is sent.</summary>
    public async Task DeliverInOrderAsync(IEnumerable<IEventEnvelope> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            await DeliverAsync(envelope);
        }
    }

    public OrderState? Instance(string orderId) => Saga.Sagas.Contains(OrderSagaId.From(orderId));

    public OrderState Require(string orderId) =>
        Instance(orderId) ?? throw new InvalidOperationException($"No saga for order {orderId}.");

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
