using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Support;

/// <summary>README.md, "Calling every endpoint" and docs/configuration.md, the contract the deployment files and the services' own settings must both follow.</summary>
internal static class Design
{
    public static IReadOnlyList<ServiceContract> Services { get; } =
    [
        new("query-api", "Fulfillment.QueryApi", 8080, "query_db"),
        new("order-service", "Fulfillment.OrderService", 8081, "order_db"),
        new("payment-service", "Fulfillment.PaymentService", 8082, "payment_db"),
        new("inventory-service", "Fulfillment.InventoryService", 8083, "inventory_db"),
        new("delivery-service", "Fulfillment.DeliveryService", 8084, "delivery_db"),
        new("invoice-service", "Fulfillment.InvoiceService", 8085, "invoice_db"),
        new("notification-service", "Fulfillment.NotificationService", 8086, "notification_db"),
    ];

    /// <summary>Kafka's address by default, "as every Kafka tool assumes".</summary>
    public const string DefaultKafka = "localhost:9092";

    /// <summary>Test cases naming each service (the test name shows the service).</summary>
    public static IEnumerable<TestCaseData> ServiceCases() =>
        Services.Select(service => new TestCaseData(service.Name).SetArgDisplayNames(service.Name));

    public static ServiceContract Named(string name) => Services.Single(s => s.Name == name);
}
