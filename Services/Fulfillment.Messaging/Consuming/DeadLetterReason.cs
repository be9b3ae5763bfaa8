namespace Fulfillment.Messaging.Consuming;

/// <summary>Why a record is dead-lettered: the <c>x-error</c>, <c>x-exception-type</c> and <c>x-retry-count</c> headers.</summary>
internal sealed record DeadLetterReason(string Error, string ExceptionType, int RetryCount)
{
    public static DeadLetterReason From(Exception exception, int retryCount) =>
        new(exception.Message, exception.GetType().FullName ?? exception.GetType().Name, retryCount);
}
