namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// Outbox rows of the consumer host's current unit of work. They are written with one statement just before the
/// transaction commits (<see cref="OutboxWriter"/>) instead of one EF insert each: the consumer path writes many.
/// </summary>
internal sealed class OutboxBuffer
{
    private readonly List<OutboxMessage> _rows = [];

    /// <summary>Set by the consumer host for the scope of its unit of work; elsewhere rows go through EF.</summary>
    internal bool Active { get; set; }

    internal void Add(OutboxMessage row) => _rows.Add(row);

    internal List<OutboxMessage> Drain()
    {
        var rows = _rows.ToList();
        _rows.Clear();
        return rows;
    }
}
