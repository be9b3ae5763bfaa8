using Fulfillment.Messages;
using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Sagas.Monitoring;
using Fulfillment.Sagas.Queries;
using Fulfillment.Sagas.Tests.Support;
using Fulfillment.ServiceDefaults.Hosting;
using Fulfillment.Testing;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.Hosting;

/// <summary>The saga hosted by the chassis the way query-api hosts it: the registrations, the migration, one record.</summary>
[TestFixture]
public sealed class ChassisHostingTests
{
    private string _connectionString = null!;
    private WebApplicationBuilder _builder = null!;
    private WebApplication _app = null!;

    [SetUp]
    public async Task BuildAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("sagas_hosting");
        _builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        _builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = _connectionString,
            ["Kafka:BootstrapServers"] = "127.0.0.1:9",
            ["Sagas:StalledAfter"] = "00:02:00",
            ["Sagas:ScanInterval"] = "00:00:10",
        });
        _builder.AddServiceDefaults("sagas-test");
        _builder.AddMessaging<SagaTestDbContext>(messaging => messaging
            .AddConsumerGroup("sagas-test-saga", group => group.AddOrderSaga())
            .AddOrderSagaSupport()
            // A second call must change nothing: a doubled migration source would break the migrator.
            .AddOrderSagaSupport());
        _app = _builder.Build();
    }

    [TearDown]
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Test]
    public void The_saga_support_registers_its_migrations_detector_options_and_queries()
    {
        var migrations = _app.Services.GetServices<MigrationSource>().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(migrations, Has.One.EqualTo(new MigrationSource("sagas", typeof(OrderState).Assembly)));
            Assert.That(
                _builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType),
                Has.One.EqualTo(typeof(StalledSagaDetector)));
            Assert.That(_app.Services.GetRequiredService<IOptions<StalledSagaOptions>>().Value.StalledAfter, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(_app.Services.GetRequiredService<IOptions<StalledSagaOptions>>().Value.ScanInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(_app.Services.GetService<OrderSagaQueries>(), Is.Not.Null);
        }
    }

    [Test]
    public async Task The_chassis_migrator_applies_the_saga_migration_once_under_its_own_name()
    {
        var migrator = _app.Services.GetRequiredService<SchemaMigrator>();

        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                await SagaRows.CountAsync(
                    _connectionString,
                    $"SELECT count(*) FROM {SchemaMigrator.JournalSchema}.{SchemaMigrator.JournalTable} WHERE scriptname = 'sagas/0001_order_saga.sql'"),
                Is.EqualTo(1));
            Assert.That(await SagaRows.CountAsync(_connectionString, "SELECT count(*) FROM order_sagas"), Is.Zero);
        }
    }

    [Test]
    public async Task A_record_handled_like_the_chassis_does_it_persists_the_saga_in_the_services_transaction()
    {
        await _app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        var order = OrderEvents.ForNewOrder();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
            foreach (IEventEnvelope envelope in new IEventEnvelope[] { order.Reserved(), order.Created() })
            {
                await mediator.Send(envelope, envelope.GetType());
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var view = await _app.Services.GetRequiredService<OrderSagaQueries>().FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view?.State, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(view?.History, Has.Count.EqualTo(2));
        }
    }
}
