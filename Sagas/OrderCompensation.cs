namespace Fulfillment.Sagas;

/// <summary>
/// What an order that will not be delivered has to give back, from what the saga has seen: the stock it reserved, the
/// payment it authorized, the invoice it issued (decision 0019). The detector's compensation scan
/// (<see cref="Monitoring.StalledSagaDetector"/>) repeats these rules in SQL.
/// </summary>
public static class OrderCompensation
{
    public const string ReleaseStock = "release-stock";
    public const string RefundPayment = "refund-payment";
    public const string CreditInvoice = "credit-invoice";

    /// <summary>Whether the order's state asks for compensation at all.</summary>
    public static bool Applies(string? state) =>
        state is OrderSagaStatus.Cancelled or OrderSagaStatus.DeliveryFailed or OrderSagaStatus.PaymentFailed;

    /// <summary>The steps the order needs, each with when it was done; empty when nothing has to be given back.</summary>
    public static IReadOnlyList<CompensationStep> StepsFor(OrderState saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        if (!Applies(saga.CurrentState))
        {
            return [];
        }

        var steps = new List<CompensationStep>(3);
        if (saga.InventoryReservedAt is not null || saga.StockReleased)
        {
            steps.Add(new CompensationStep(ReleaseStock, saga.StockReleasedAt));
        }

        if (saga.PaymentAuthorizedAt is not null || saga.PaymentRefundedAt is not null)
        {
            steps.Add(new CompensationStep(RefundPayment, saga.PaymentRefundedAt));
        }

        if (saga.InvoiceIssuedAt is not null || saga.InvoiceCreditedAt is not null)
        {
            steps.Add(new CompensationStep(CreditInvoice, saga.InvoiceCreditedAt));
        }

        return steps;
    }
}
