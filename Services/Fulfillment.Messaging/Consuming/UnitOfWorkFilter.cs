using Fulfillment.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// The consumer host's unit of work for one message, where MassTransit itself delivers it (the test harness): a
/// transaction around the consumer, then the one SaveChanges and the commit. Consumers never begin, save or commit;
/// in the service the consumer host does it per batch (<see cref="RecordProcessor"/>), here this filter per message.
/// </summary>
/// <remarks>Register with <see cref="UnitOfWorkRegistration.AddChassisUnitOfWork{TContext}"/>.</remarks>
public sealed class UnitOfWorkFilter<T>(DbContext db) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginUnitOfWorkAsync(cancellationToken);
        try
        {
            await next.Send(context);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // Rolled back with the transaction; a retry in the same scope must not save this attempt's leftovers.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unit-of-work");
}
