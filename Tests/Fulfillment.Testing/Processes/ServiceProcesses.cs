using System.Runtime.ExceptionServices;

namespace Fulfillment.Testing.Processes;

public static class ServiceProcesses
{
    /// <summary>Waits for every service; the first one that fails stops the wait and is the error reported.</summary>
    public static async Task WaitUntilAllReadyAsync(IEnumerable<ServiceProcess> services, TimeSpan timeout)
    {
        using var failed = new CancellationTokenSource();
        var waits = services.Select(async service =>
        {
            try
            {
                await service.WaitUntilReadyAsync(timeout, failed.Token);
            }
            catch (Exception) when (!failed.IsCancellationRequested)
            {
                await failed.CancelAsync();
                throw;
            }
        }).ToList();

        try
        {
            await Task.WhenAll(waits);
        }
        catch (Exception) when (waits.FirstOrDefault(w => w.IsFaulted && w.Exception!.InnerException is not OperationCanceledException) is { } first)
        {
            ExceptionDispatchInfo.Throw(first.Exception!.InnerException!);
        }
    }
}
