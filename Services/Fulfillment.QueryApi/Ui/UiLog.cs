namespace Fulfillment.QueryApi.Ui;

/// <summary>The UI's log lines, source-generated.</summary>
internal static partial class UiLog
{
    [LoggerMessage(6401, LogLevel.Information, "Listening for order changes on PostgreSQL channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(6402, LogLevel.Warning, "Lost the LISTEN connection for order changes; reconnecting in {RetryInterval} (watchers re-read when it is back)")]
    public static partial void ListenFailed(ILogger logger, Exception exception, TimeSpan retryInterval);

    [LoggerMessage(6403, LogLevel.Warning, "Could not read order {OrderId} for its live watchers; they are told to re-read")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string orderId);
}
