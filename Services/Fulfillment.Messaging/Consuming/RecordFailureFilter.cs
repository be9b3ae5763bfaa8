using MassTransit;

namespace Fulfillment.Messaging.Consuming;

/// <summary>The bounded retry policy's filter: retry what is transient; permanent and unavailability failures pass straight up.</summary>
internal sealed class RecordFailureFilter(RecordRetryPolicy? policy) : IExceptionFilter
{
    public bool Match(Exception exception) => FailureClassifier.Classify(exception, policy) == FailureKind.Transient;

    public void Probe(ProbeContext context) => context.CreateFilterScope("record-failures");
}
