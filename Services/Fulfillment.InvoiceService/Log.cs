namespace Fulfillment.InvoiceService;

/// <summary>invoice-service's log lines, source-generated (event ids 8000–8999).</summary>
internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "Order {OrderId}: invoice {InvoiceNumber} issued for {Gross} {Currency}")]
    public static partial void InvoiceIssued(ILogger logger, string orderId, string invoiceNumber, decimal gross, string currency);

    // The record's eventId is in the line's scope already ({EventId} here would print the log event's id instead).
    [LoggerMessage(8002, LogLevel.Information, "Order {OrderId} already has its invoice; this order.confirmed is ignored")]
    public static partial void OrderAlreadyInvoiced(ILogger logger, string orderId);

    [LoggerMessage(8003, LogLevel.Debug, "{Series} numbers {First} to {Last} of {Year} taken for {Count} orders")]
    public static partial void NumbersTaken(ILogger logger, string series, int first, int last, int year, int count);

    [LoggerMessage(8004, LogLevel.Information, "Order {OrderId} was cancelled before its invoice; this order.confirmed issues none")]
    public static partial void OrderCancelledBeforeInvoice(ILogger logger, string orderId);

    [LoggerMessage(8101, LogLevel.Information, "Order {OrderId}: invoice {InvoiceNumber} credited by {CreditNoteNumber} for {Gross} {Currency} ({Reason})")]
    public static partial void InvoiceCredited(ILogger logger, string orderId, string invoiceNumber, string creditNoteNumber, decimal gross, string currency, string reason);

    [LoggerMessage(8102, LogLevel.Information, "Order {OrderId}: {VerdictType} before any invoice; none will be issued")]
    public static partial void CancelledBeforeInvoice(ILogger logger, string orderId, string verdictType);

    [LoggerMessage(8103, LogLevel.Information, "Order {OrderId}: invoice {InvoiceNumber} is already credited; {VerdictType} ignored")]
    public static partial void AlreadyCredited(ILogger logger, string orderId, string invoiceNumber, string verdictType);
}
