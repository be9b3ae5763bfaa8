namespace Fulfillment.PaymentService.Gateway;

/// <summary>
/// The gateway gave no answer. Deliberately not a TimeoutException: the chassis treats those as infrastructure
/// outages retried forever, while this is the record's own bounded retry with backoff, then the dead-letter topic.
/// </summary>
public sealed class GatewayUnavailableException : Exception
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
