namespace Fulfillment.Testing;

/// <summary>Starts a <see cref="ServiceUnderTest{TProgram}"/>: the set-up every in-process host test shares.</summary>
/// <remarks>
/// A cluster per service rather than <see cref="TestKafka.Shared"/>: host tests read what the service produced off
/// whole topics, so nothing else may write to them.
/// </remarks>
public static class ServiceHost
{
    /// <summary>A fresh cluster and an empty database (the service migrates it as it starts), and the service on them.</summary>
    public static async Task<ServiceUnderTest<TProgram>> StartAsync<TProgram>(string databasePrefix)
        where TProgram : class =>
        await StartAsync(
            await TestKafka.StartAsync(),
            async bootstrapServers => new ServiceFactory<TProgram>(await TestPostgres.CreateDatabaseAsync(databasePrefix), bootstrapServers));

    /// <summary>
    /// The service <paramref name="createService"/> makes for the bootstrap servers of <paramref name="kafka"/>; the
    /// result owns both (and the cluster is stopped if the service cannot be made).
    /// </summary>
    public static async Task<ServiceUnderTest<TProgram>> StartAsync<TProgram>(
        ITestKafka kafka, Func<string, Task<ServiceFactory<TProgram>>> createService)
        where TProgram : class
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(createService);
        ServiceFactory<TProgram>? service = null;
        try
        {
            service = await createService(kafka.BootstrapServers);
            return new ServiceUnderTest<TProgram>(kafka, service);
        }
        catch
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }

            await kafka.DisposeAsync();
            throw;
        }
    }
}
