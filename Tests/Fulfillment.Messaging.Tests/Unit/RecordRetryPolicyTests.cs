using Fulfillment.Messaging.Consuming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

/// <summary>A consumer group's own retry policy decides what is retried, how often, and what is waited out.</summary>
public sealed class RecordRetryPolicyTests
{
    private const int DefaultLimit = 3;

    [Test]
    public async Task By_default_a_record_failure_is_retried_the_configured_number_of_times_then_given_up()
    {
        var (attempts, failure) = await RunAsync(policy: null, _ => new InvalidOperationException("bad record"));

        Assert.That(attempts, Is.EqualTo(DefaultLimit + 1));
        Assert.That(failure, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task By_default_an_unreachable_dependency_is_waited_out_beyond_the_limit_and_never_given_up()
    {
        var (attempts, failure) = await RunAsync(policy: null, attempt => attempt <= DefaultLimit + 3 ? new TimeoutException() : null);

        Assert.That(attempts, Is.EqualTo(DefaultLimit + 4));
        Assert.That(failure, Is.Null);
    }

    /// <summary>What EF Core throws when PostgreSQL goes away mid-command (both seen in the fault suite's PostgreSQL restart).</summary>
    public static IEnumerable<TestCaseData> DroppedConnections()
    {
        yield return new TestCaseData(new Func<Exception>(() => new InvalidOperationException(
            "An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))))
            .SetArgDisplayNames("during a query");
        // SaveChanges: the execution strategy's wrapper around DbUpdateException around the NpgsqlException. Classified by
        // the wrapper's type, it dead-lettered valid inventory.reserved records in payment-service.
        yield return new TestCaseData(new Func<Exception>(() => new InvalidOperationException(
            "An exception has been raised that is likely due to a transient failure.",
            new DbUpdateException(
                "An error occurred while saving the entity changes. See the inner exception for details.",
                new NpgsqlException("Exception while reading from stream", new EndOfStreamException())))))
            .SetArgDisplayNames("during SaveChanges");
    }

    [TestCaseSource(nameof(DroppedConnections))]
    public async Task A_database_outage_wrapped_by_ef_core_is_waited_out_too(Func<Exception> dropped)
    {
        var (attempts, failure) = await RunAsync(policy: null, attempt => attempt <= DefaultLimit + 3 ? dropped() : null);

        Assert.That(attempts, Is.EqualTo(DefaultLimit + 4), "retried beyond the record's limit: the database, not the record, failed");
        Assert.That(failure, Is.Null);
    }

    [Test]
    public async Task An_invalid_operation_of_the_consumer_itself_stays_the_records_failure()
    {
        var (attempts, failure) = await RunAsync(policy: null, _ => new InvalidOperationException("bad state", new ArgumentException("x")));

        Assert.That(attempts, Is.EqualTo(DefaultLimit + 1));
        Assert.That(failure, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task A_permanent_failure_is_given_up_at_the_first_attempt()
    {
        var policy = new RecordRetryPolicy().Permanent<InvalidOperationException>();

        var (attempts, failure) = await RunAsync(policy, _ => new InvalidOperationException("never works"));

        Assert.That(attempts, Is.EqualTo(1));
        Assert.That(failure, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task A_group_can_make_a_timeout_its_own_bounded_retry_with_its_own_limit()
    {
        var policy = new RecordRetryPolicy().Transient<TimeoutException>().Retries(1);

        var (attempts, failure) = await RunAsync(policy, _ => new TimeoutException("gateway silent"));

        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(failure, Is.InstanceOf<TimeoutException>());
    }

    [Test]
    public async Task A_group_can_declare_its_own_dependency_outage_to_be_waited_out()
    {
        var policy = new RecordRetryPolicy().WaitOut<DependencyDownException>().Retries(0);

        var (attempts, failure) = await RunAsync(policy, attempt => attempt <= 4 ? new DependencyDownException() : null);

        Assert.That(attempts, Is.EqualTo(5));
        Assert.That(failure, Is.Null);
    }

    [Test]
    public async Task The_most_specific_declared_type_decides()
    {
        var policy = new RecordRetryPolicy().Permanent<Exception>().Transient<ArgumentException>();

        var (transientAttempts, _) = await RunAsync(policy, _ => new ArgumentNullException("x"));
        var (permanentAttempts, _) = await RunAsync(policy, _ => new InvalidOperationException());

        Assert.That(transientAttempts, Is.EqualTo(DefaultLimit + 1), "ArgumentNullException is an ArgumentException: transient");
        Assert.That(permanentAttempts, Is.EqualTo(1), "anything else is an Exception: permanent");
    }

    /// <summary>Runs one record through the retry; <paramref name="failureOn"/> gives attempt n's exception or null for success.</summary>
    private static async Task<(int Attempts, Exception? Failure)> RunAsync(RecordRetryPolicy? policy, Func<int, Exception?> failureOn)
    {
        var options = Options.Create(new RetryOptions
        {
            Limit = DefaultLimit,
            MinInterval = TimeSpan.FromMilliseconds(1),
            MaxInterval = TimeSpan.FromMilliseconds(2),
            IntervalDelta = TimeSpan.FromMilliseconds(1),
            InfrastructureRetryInterval = TimeSpan.FromMilliseconds(1),
        });
        var retry = new RecordRetry(policy, options, TimeProvider.System, NullLogger<RecordRetry>.Instance);
        var attempts = 0;
        var failure = await retry.RunAsync(
            () =>
            {
                attempts++;
                return failureOn(attempts) is { } exception ? Task.FromException(exception) : Task.CompletedTask;
            },
            "test-record",
            CancellationToken.None);
        return (attempts, failure);
    }

    private sealed class DependencyDownException : Exception;
}
