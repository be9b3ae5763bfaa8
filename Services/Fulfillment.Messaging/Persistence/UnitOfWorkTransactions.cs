using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fulfillment.Messaging.Persistence;

public static class UnitOfWorkTransactions
{
    /// <summary>
    /// Begins the transaction of a unit of work that is all or nothing, with EF's automatic savepoints off: a failure
    /// rolls the whole of it back anyway, so a savepoint around each SaveChanges buys nothing, and it costs: every row
    /// changed after the unit of work locked it becomes a multixact of the transaction and its subtransaction, which
    /// PostgreSQL then resolves on every visibility check (perf under load: GetMultiXactIdMembers, SubTransGetParent
    /// among the server's top functions).
    /// </summary>
    public static Task<IDbContextTransaction> BeginUnitOfWorkAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        database.AutoSavepointsEnabled = false;
        return database.BeginTransactionAsync(cancellationToken);
    }
}
