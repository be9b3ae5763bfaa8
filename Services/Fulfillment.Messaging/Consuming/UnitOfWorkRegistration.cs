using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulfillment.Messaging.Consuming;

public static class UnitOfWorkRegistration
{
    /// <summary>
    /// Gives every receive endpoint of this bus (MassTransit's test harness, typically) the consumer host's unit of
    /// work: one transaction per message, saved and committed after the consumer (<see cref="UnitOfWorkFilter{T}"/>).
    /// </summary>
    public static IBusRegistrationConfigurator AddChassisUnitOfWork<TContext>(this IBusRegistrationConfigurator bus)
        where TContext : DbContext
    {
        bus.TryAddScoped<DbContext>(provider => provider.GetRequiredService<TContext>());
        bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UseConsumeFilter(typeof(UnitOfWorkFilter<>), context));
        return bus;
    }
}
