using Fulfillment.Sagas.Queries;
using Fulfillment.Testing;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>
/// A fresh database migrated like query_db (the messaging tables plus the saga's) for each test, the saga on
/// MassTransit's mediator as the chassis runs it, a manual clock, and the saga queries.
/// </summary>
public abstract class SagaDatabaseTest
{
    protected static readonly DateTimeOffset ClockStart = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected string ConnectionString { get; private set; } = null!;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    protected ManualClock Clock { get; private set; } = null!;

    protected SagaMediatorHost SagaHost { get; private set; } = null!;

    protected OrderSagaQueries Queries { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        ConnectionString = await TestPostgres.CreateMigratedDatabaseAsync("sagas_" + GetType().Name, [OrderSagaHostingExtensions.Migrations]);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Clock = new ManualClock(ClockStart);
        SagaHost = SagaMediatorHost.Start(ConnectionString, Clock);
        Queries = new OrderSagaQueries(DataSource);
    }

    [TearDown]
    public async Task DisposeDatabaseAsync()
    {
        await SagaHost.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
