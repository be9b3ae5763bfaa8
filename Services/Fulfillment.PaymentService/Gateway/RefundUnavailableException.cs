namespace Fulfillment.PaymentService.Gateway;

/// <summary>
/// The gateway gave no answer to a refund. Unlike an authorization's, this one is waited out (Program.cs): the money
/// is owed to the customer, so the record is retried until the gateway answers and is never dead-lettered for it.
/// </summary>
public sealed class RefundUnavailableException : GatewayUnavailableException
{
    public RefundUnavailableException()
    {
    }

    public RefundUnavailableException(string message)
        : base(message)
    {
    }

    public RefundUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
