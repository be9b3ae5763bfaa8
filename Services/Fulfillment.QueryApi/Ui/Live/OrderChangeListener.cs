using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>
/// The process's one <c>LISTEN order_changed</c> connection (migration 0003's triggers notify it from the transaction
/// that changed an order or its saga, so a notification means committed data). Each notification goes to the
/// <see cref="OrderChangeHub"/>. After (re)connecting, every watcher is told to re-read, since notifications sent while
/// nobody listened are gone.
/// </summary>
public sealed class OrderChangeListener(
    IConfiguration configuration, OrderChangeHub hub, IOptions<UiOptions> options, ILogger<OrderChangeListener> logger) : BackgroundService
{
    public const string Channel = "order_changed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its own unpooled connection, held for the process's life; keep-alives detect a server that went away
        // while the connection sat idle in WaitAsync.
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Database"))
        {
            Pooling = false,
            KeepAlive = 15,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                UiLog.ListenFailed(logger, ex, options.Value.ListenRetryInterval);
                await Task.Delay(options.Value.ListenRetryInterval, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, notification) => hub.Changed(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        UiLog.Listening(logger, Channel);
        hub.ResyncAll();
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}
