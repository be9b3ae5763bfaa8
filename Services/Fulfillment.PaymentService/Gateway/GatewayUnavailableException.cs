namespace Fulfillment.PaymentService.Gateway;

/// <summary>
/// The gateway gave no answer. payment-service's consumer group declares it transient (Program.cs): the record's own
/// bounded retry with back-off, then the dead-letter topic. A refund's, <see cref="RefundUnavailableException"/>, is
/// waited out instead.
/// </summary>
public class GatewayUnavailableException : Exception
{
    public GatewayUnavailableException()
    {
    }

    public GatewayUnavailableException(string message)
        : base(message)
    {
    }

    public GatewayUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
