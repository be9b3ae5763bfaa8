using MassTransit;
using MassTransit.RetryPolicies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// How one consumer group retries one record: transient failures get MassTransit's bounded
/// <c>Retry.Exponential</c> policy; permanent ones none; failures of the platform (database or Kafka unreachable, or
/// what the group declared as waited out) are waited out without limit, because they are not the record's fault.
/// The lane waits meanwhile, so its partition makes no progress and nothing is dead-lettered for an outage.
/// </summary>
internal sealed class RecordRetry
{
    private readonly RetryOptions _options;
    private readonly IRetryPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly ILogger<RecordRetry> _logger;
    private readonly RecordRetryPolicy? _groupPolicy;

    public RecordRetry(RecordRetryPolicy? groupPolicy, IOptions<RetryOptions> options, TimeProvider clock, ILogger<RecordRetry> logger)
    {
        _groupPolicy = groupPolicy;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        var (min, max, delta) = groupPolicy?.Intervals ?? (_options.MinInterval, _options.MaxInterval, _options.IntervalDelta);
        _policy = Retry.Exponential(new RecordFailureFilter(groupPolicy), groupPolicy?.Limit ?? _options.Limit, min, max, delta);
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
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                       && FailureClassifier.Classify(ex, _groupPolicy) == FailureKind.Unavailable)
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
