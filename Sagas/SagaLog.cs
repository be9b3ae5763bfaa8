using Microsoft.Extensions.Logging;

namespace Fulfillment.Sagas;

/// <summary>The saga project's log lines, source-generated.</summary>
internal static partial class SagaLog
{
    [LoggerMessage(7001, LogLevel.Information, "Stalled-saga detector started: flags sagas without progress for {StalledAfter}, scanning every {ScanInterval}")]
    public static partial void DetectorStarted(ILogger logger, TimeSpan stalledAfter, TimeSpan scanInterval);

    [LoggerMessage(7002, LogLevel.Warning, "Order {OrderId} is stalled: in {State} since {Since}")]
    public static partial void SagaStalled(ILogger logger, string orderId, string state, DateTimeOffset since);

    [LoggerMessage(7003, LogLevel.Warning, "The stalled-saga scan failed; retrying at the next interval")]
    public static partial void ScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(7004, LogLevel.Warning, "Counting the sagas per state failed; retrying at the next interval")]
    public static partial void StateCountFailed(ILogger logger, Exception exception);

    [LoggerMessage(7005, LogLevel.Warning, "Order {OrderId} owes compensation: in {State} since {Since} with its stock, payment or invoice not yet given back")]
    public static partial void CompensationOverdue(ILogger logger, string orderId, string state, DateTimeOffset since);
}
