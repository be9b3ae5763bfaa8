namespace Fulfillment.Testing.Processes;

/// <summary>A service of the platform: its name (as in its logs and consumer groups), project and database prefix.</summary>
public sealed record ServiceSpec(string Name, string Project, string DatabasePrefix)
{
    public static ServiceSpec QueryApi { get; } = new("query-api", "Fulfillment.QueryApi", "query_db");

    public static ServiceSpec OrderService { get; } = new("order-service", "Fulfillment.OrderService", "order_db");

    public static ServiceSpec PaymentService { get; } = new("payment-service", "Fulfillment.PaymentService", "payment_db");

    public static ServiceSpec InventoryService { get; } = new("inventory-service", "Fulfillment.InventoryService", "inventory_db");

    public static ServiceSpec DeliveryService { get; } = new("delivery-service", "Fulfillment.DeliveryService", "delivery_db");

    public static ServiceSpec InvoiceService { get; } = new("invoice-service", "Fulfillment.InvoiceService", "invoice_db");

    public static ServiceSpec NotificationService { get; } = new("notification-service", "Fulfillment.NotificationService", "notification_db");

    public static IReadOnlyList<ServiceSpec> All { get; } =
        [QueryApi, OrderService, PaymentService, InventoryService, DeliveryService, InvoiceService, NotificationService];
}
