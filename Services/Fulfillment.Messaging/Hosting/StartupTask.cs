using Microsoft.Extensions.Hosting;

namespace Fulfillment.Messaging.Hosting;

/// <summary>
/// Work that must be done before any hosted service starts: it runs in the host's starting phase
/// (<see cref="IHostedLifecycleService.StartingAsync"/>), after the tasks registered before it (the chassis registers
/// its migrations first) and before any consumer or relay starts. The other lifecycle steps do nothing.
/// </summary>
public abstract class StartupTask : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
