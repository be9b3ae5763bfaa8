namespace Fulfillment.InvoiceService;

/// <summary>invoice-service's log lines, source-generated (event ids 8000–8999).</summary>
internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "Order {OrderId}: invoice {InvoiceNumber} issued for {Gross} {Currency}")]
    public static partial void InvoiceIssued(ILogger logger, string orderId, string invoiceNumber, decimal gross, string currency);

    // The record's eventId is in the line's scope already ({EventId} here would print the log event's id instead).
    [LoggerMessage(8002, LogLevel.Information, "Order {OrderId} already has its invoice; this order.confirmed is ignored")]
    public static partial void OrderAlreadyInvoiced(ILogger logger, string orderId);

    [LoggerMessage(8003, LogLevel.Debug, "Invoice numbers {First} to {Last} of {Year} taken for {Count} orders")]
    public static partial void NumbersTaken(ILogger logger, int first, int last, int year, int count);
}
