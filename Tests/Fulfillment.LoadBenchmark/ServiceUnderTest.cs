using Fulfillment.Messages;
using Fulfillment.Testing.Processes;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// A service the per-service consumer benchmark can run alone (<c>--service</c>): the topic its input arrives on, the
/// topic and event types of its decisions, and the SQL that counts and times them in its own database.
/// </summary>
/// <remarks>
/// <c>DecidedSql</c>: one row per decided input, the decision's commit-side timestamp (the service's clock), ascending.
/// <c>OutcomesSql</c>: (label, count) rows for the report. <c>WaitLogText</c>: a log line the service writes once per input
/// that had to wait (delivery: every driver busy), or null.
/// </remarks>
public sealed record ServiceUnderTest(
    string Name,
    ServiceSpec Spec,
    string InputType,
    string InputTopic,
    string OutputTopic,
    IReadOnlyList<string> DecisionTypes,
    string CountSql,
    string DecidedSql,
    string OutcomesSql,
    string? WaitLogText)
{
    public static ServiceUnderTest Inventory { get; } = new(
        "inventory", ServiceSpec.InventoryService, EventTypes.OrderCreated, Topics.OrderEvents, Topics.InventoryEvents,
        [EventTypes.InventoryReserved, EventTypes.InventoryRejected],
        "SELECT count(*) FROM reservations",
        "SELECT created_at FROM reservations ORDER BY created_at",
        "SELECT status, count(*) FROM reservations GROUP BY status ORDER BY status",
        null);

    public static ServiceUnderTest Delivery { get; } = new(
        "delivery", ServiceSpec.DeliveryService, EventTypes.PaymentAuthorized, Topics.PaymentEvents, Topics.DeliveryEvents,
        [EventTypes.DeliveryAssigned],
        "SELECT count(*) FROM deliveries WHERE driver_id IS NOT NULL",
        "SELECT assigned_at FROM deliveries WHERE assigned_at IS NOT NULL ORDER BY assigned_at",
        "SELECT status, count(*) FROM deliveries GROUP BY status UNION ALL SELECT 'drivers in the pool', count(*) FROM drivers",
        "every driver is busy");

    public static ServiceUnderTest? Find(string name) =>
        new[] { Inventory, Delivery }.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
