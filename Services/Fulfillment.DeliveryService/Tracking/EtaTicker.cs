using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService.Tracking;

/// <summary>
/// Runs <see cref="DeliveryTracker.TickAsync"/> in a fresh DI scope several times per EtaInterval: each delivery is
/// only moved once its last update is EtaInterval old, so the extra ticks just keep each delivery's cadence close to
/// EtaInterval whenever it was assigned. A failed tick is logged and the next one tries again.
/// </summary>
public sealed class EtaTicker(
    IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<EtaTicker> logger)
    : BackgroundService
{
    private const int TicksPerInterval = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TickerEnabled)
        {
            return;
        }

        var period = settings.EtaInterval / TicksPerInterval;
        using var timer = new PeriodicTimer(period < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<DeliveryTracker>().TickAsync(stoppingToken);
                    if (result.DidAnything)
                    {
                        Log.Ticked(logger, result.Advanced, result.Completed, result.Assigned, result.Expired);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.TickFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
