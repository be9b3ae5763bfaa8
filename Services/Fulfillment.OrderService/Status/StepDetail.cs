namespace Fulfillment.OrderService.Status;

/// <summary>What a step records besides its time: a delivery.failed's code and reason, a payment.refunded's refund id.</summary>
public sealed record StepDetail(string? FailureCode = null, string? FailureReason = null, string? RefundId = null)
{
    public static readonly StepDetail None = new();
}
