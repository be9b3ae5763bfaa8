namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// An order.confirmed that no invoice can be made from (no lines, a line without units, a total that is not the sum
/// of the lines, ...). The same record fails the same way every time: the consumer group declares it permanent
/// (Program.cs), so it goes to dlq.order-events at once, and takes no invoice number.
/// </summary>
public sealed class InvalidOrderConfirmedException : Exception
{
    public InvalidOrderConfirmedException()
    {
    }

    public InvalidOrderConfirmedException(string message)
        : base(message)
    {
    }

    public InvalidOrderConfirmedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
