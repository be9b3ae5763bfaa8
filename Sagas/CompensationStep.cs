namespace Fulfillment.Sagas;

/// <summary>One compensating step an order needs: its name (<see cref="OrderCompensation"/>) and when it was seen done.</summary>
public sealed record CompensationStep(string Name, DateTimeOffset? DoneAt)
{
    public bool Done => DoneAt is not null;
}
