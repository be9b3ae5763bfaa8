namespace Fulfillment.InventoryService;

/// <summary>inventory-service's log lines, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Stock seeding added {Added} of {Configured} catalog SKUs to warehouse {Warehouse}; SKUs already present keep their stock")]
    public static partial void StockSeeded(ILogger logger, int added, int configured, string warehouse);

    [LoggerMessage(2101, LogLevel.Information, "Order {OrderId}: reserved {LineCount} SKUs as reservation {ReservationId}")]
    public static partial void StockReserved(ILogger logger, string orderId, Guid reservationId, int lineCount);

    [LoggerMessage(2102, LogLevel.Information, "Order {OrderId}: rejected ({Reason})")]
    public static partial void StockRejected(ILogger logger, string orderId, string reason);

    [LoggerMessage(2103, LogLevel.Information, "Order {OrderId} already has an allocation decision; order.created {HandledEventId} ignored")]
    public static partial void OrderAlreadyDecided(ILogger logger, string orderId, Guid handledEventId);

    [LoggerMessage(2104, LogLevel.Information, "Order {OrderId}: cancelled in the same batch as its order.created; nothing reserved")]
    public static partial void CancelledInSameBatch(ILogger logger, string orderId);

    [LoggerMessage(2201, LogLevel.Information, "Order {OrderId}: released {LineCount} SKUs of reservation {ReservationId} ({Reason})")]
    public static partial void StockReleased(ILogger logger, string orderId, Guid reservationId, int lineCount, string reason);

    [LoggerMessage(2202, LogLevel.Information, "Order {OrderId}: nothing to release (reservation is {Status})")]
    public static partial void ReleaseSkipped(ILogger logger, string orderId, string status);

    [LoggerMessage(2203, LogLevel.Information, "Order {OrderId}: {CancellationType} before any allocation decision; the order will never be reserved")]
    public static partial void CancelledBeforeDecision(ILogger logger, string orderId, string cancellationType);

    [LoggerMessage(2204, LogLevel.Information, "Order {OrderId}: cancellation requested, reservation is {Status}; delivery-service's verdict decides")]
    public static partial void CancellationAwaitsVerdict(ILogger logger, string orderId, string status);

    [LoggerMessage(2301, LogLevel.Warning, "Stock row {Sku} locked after {HeldSku} in the same transaction: outside SKU order, so it may deadlock; the batch preparer missed it")]
    public static partial void StockLockedOutOfOrder(ILogger logger, string sku, string heldSku);
}
