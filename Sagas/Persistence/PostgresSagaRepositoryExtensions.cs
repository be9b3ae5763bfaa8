using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace Fulfillment.Sagas.Persistence;

public static class PostgresSagaRepositoryExtensions
{
    /// <summary>
    /// Persists the order saga in the <c>order_sagas</c> table (migration source <c>sagas</c>) through the scope's
    /// <c>Microsoft.EntityFrameworkCore.DbContext</c>, inside its current transaction when there is one.
    /// </summary>
    /// <remarks>
    /// The scope must resolve <c>DbContext</c> (the chassis registers the service's context under that type) on a
    /// PostgreSQL database migrated with <see cref="OrderSagaHostingExtensions.Migrations"/>.
    /// </remarks>
    public static ISagaRegistrationConfigurator<OrderState> UsePostgresRepository(this ISagaRegistrationConfigurator<OrderState> saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        saga.Repository(repository =>
        {
            repository.RegisterSagaRepository<OrderState, OrderSagaSession,
                SagaConsumeContextFactory<OrderSagaSession, OrderState>, PostgresSagaRepositoryContextFactory>();
            repository.RegisterLoadSagaRepository<OrderState, PostgresSagaRepositoryContextFactory>();
        });
        return saga;
    }
}
