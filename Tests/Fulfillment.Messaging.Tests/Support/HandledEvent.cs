namespace Fulfillment.Messaging.Tests.Support;

public sealed class HandledEvent
{
    public long Id { get; set; }

    public required string OrderId { get; set; }

    public Guid EventId { get; set; }

    public int Sequence { get; set; }
}
