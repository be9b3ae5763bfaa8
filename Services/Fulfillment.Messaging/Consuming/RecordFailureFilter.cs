using MassTransit;

namespace Fulfillment.Messaging.Consuming;

/// <summary>The retry policy's filter: retry what the record caused, pass infrastructure failures straight up.</summary>
internal sealed class RecordFailureFilter : IExceptionFilter
{
    public bool Match(Exception exception) => !FailureClassifier.IsInfrastructureFailure(exception);

    public void Probe(ProbeContext context) => context.CreateFilterScope("record-failures");
}
