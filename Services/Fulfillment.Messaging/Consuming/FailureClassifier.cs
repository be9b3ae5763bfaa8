using Confluent.Kafka;
using MassTransit;
using Npgsql;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Separates failures of the platform (database or Kafka unreachable) from failures of the record, after what the
/// consumer group said itself (<see cref="RecordRetryPolicy"/>). The first kind is waited out without limit and
/// never dead-letters anything; the second is retried a bounded number of times.
/// </summary>
internal static class FailureClassifier
{
    public static FailureKind Classify(Exception exception, RecordRetryPolicy? policy)
    {
        var failure = Unwrap(exception);
        return policy?.KindOf(failure) ?? (IsInfrastructureFailure(failure) ? FailureKind.Unavailable : FailureKind.Transient);
    }

    private static bool IsInfrastructureFailure(Exception failure) =>
        failure switch
        {
            // Serialization failures and deadlocks are transient too, but they are the record's own retries' business.
            PostgresException postgres => postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300",
            NpgsqlException npgsql => npgsql.IsTransient,
            KafkaException => true,
            TimeoutException => true,
            _ => false,
        };

    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (IsWrapper(current) && current.InnerException is { } inner)
        {
            current = inner;
        }

        return current;
    }

    // EF Core reports a dropped connection as an InvalidOperationException ("likely due to a transient failure")
    // around the NpgsqlException, with a DbUpdateException between them when it happened in SaveChanges: classified
    // by its own type, that wrapper made a PostgreSQL restart dead-letter valid records (found twice by the fault
    // suite, docs/reliability.md). A consumer's own InvalidOperationException has no database error inside.
    private static bool IsWrapper(Exception exception) =>
        exception is AggregateException or MassTransitException or Microsoft.EntityFrameworkCore.DbUpdateException
        || (exception is InvalidOperationException && HasDatabaseErrorInside(exception));

    private static bool HasDatabaseErrorInside(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Data.Common.DbException)
            {
                return true;
            }
        }

        return false;
    }
}
