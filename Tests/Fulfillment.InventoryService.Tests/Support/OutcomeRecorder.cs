using System.Collections.Concurrent;
using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>Collects what the inventory consumers published on the mediator.</summary>
public sealed class OutcomeRecorder(OutcomeRecorder.Outcomes outcomes)
    : IConsumer<InventoryReserved>, IConsumer<InventoryRejected>, IConsumer<InventoryReleased>
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

    public Task Consume(ConsumeContext<InventoryReleased> context)
    {
        outcomes.Released.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public sealed class Outcomes
    {
        public ConcurrentQueue<InventoryReserved> Reserved { get; } = new();

        public ConcurrentQueue<InventoryRejected> Rejected { get; } = new();

        public ConcurrentQueue<InventoryReleased> Released { get; } = new();
    }
}
