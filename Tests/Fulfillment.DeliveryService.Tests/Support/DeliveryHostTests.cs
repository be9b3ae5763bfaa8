using Fulfillment.DeliveryService.Assignment;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Support;

/// <summary>Tests that each start their own <see cref="DeliveryTestHost"/> (a fresh database), disposed after each test.</summary>
public abstract class DeliveryHostTests
{
    private DeliveryTestHost? _host;

    /// <summary>The test's host, once <see cref="StartHostAsync"/> started it.</summary>
    protected DeliveryTestHost Host => _host ?? throw new InvalidOperationException("Start the host first.");

    [TearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    protected async Task<DeliveryTestHost> StartHostAsync(
        string databasePrefix,
        IReadOnlyList<DriverOptions>? pool = null,
        double timeScale = 1,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _host = await DeliveryTestHost.StartAsync(databasePrefix, pool, timeScale, extraSettings: settings);
        return _host;
    }
}
