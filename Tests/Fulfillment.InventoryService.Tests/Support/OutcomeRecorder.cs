using System.Collections.Concurrent;
using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>Collects what the reservation consumer published on the mediator.</summary>
public sealed class OutcomeRecorder(OutcomeRecorder.Outcomes outcomes) : IConsumer<InventoryReserved>, IConsumer<InventoryRejected>
{
    public Task Consume(ConsumeContext<InventoryReserved> context)
    {
        outcomes.Reserved.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<InventoryRejected> context)
    {
        outcomes.Rejected.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public sealed class Outcomes
    {
        public ConcurrentQueue<InventoryReserved> Reserved { get; } = new();

        public ConcurrentQueue<InventoryRejected> Rejected { get; } = new();
    }
}
