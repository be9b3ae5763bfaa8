using MassTransit;
using MassTransit.RetryPolicies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// How every consumer group retries one record: failures the record caused get MassTransit's bounded
/// <c>Retry.Exponential</c> policy; failures of the platform (database or Kafka unreachable) are waited out without
/// limit, because they are not the record's fault.
/// </summary>
internal sealed class RecordRetry
{
    private readonly RetryOptions _options;
    private readonly IRetryPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly ILogger<RecordRetry> _logger;

    public RecordRetry(IOptions<RetryOptions> options, TimeProvider clock, ILogger<RecordRetry> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _policy = Retry.Exponential(
            new RecordFailureFilter(), _options.Limit, _options.MinInterval, _options.MaxInterval, _options.IntervalDelta);
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds (null) or the record's retries are spent (the last failure).</summary>
    public async Task<Exception?> RunAsync(Func<Task> attempt, string record, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _policy.Retry(attempt, cancellationToken);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && FailureClassifier.IsInfrastructureFailure(ex))
            {
                ChassisLog.InfrastructureUnavailable(_logger, ex, record, _options.InfrastructureRetryInterval);
                await Task.Delay(_options.InfrastructureRetryInterval, _clock, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return ex is AggregateException { InnerException: { } inner } ? inner : ex;
            }
        }
    }
}
