using Fulfillment.InventoryService.Reservations;

namespace Fulfillment.InventoryService.Stock;

public static class StockServiceCollectionExtensions
{
    /// <summary>Options, the ledger and the start-up seeding. Call after AddMessaging: seeding must follow the migrations.</summary>
    public static IServiceCollection AddStock(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InventoryOptions>()
            .Bind(configuration.GetSection(InventoryOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Warehouse), "Inventory:Warehouse must not be empty.")
            .Validate(o => o.Catalog.Values.All(units => units >= 0), "Inventory:Catalog units must not be negative.")
            .Validate(o => o.Generated.Count is >= 0 and <= 99_999 && o.Generated.Units >= 0,
                "Inventory:Generated:Count must be 0 to 99,999 and Inventory:Generated:Units not negative.")
            .ValidateOnStart();
        services.AddScoped<StockLedger>();
        services.AddScoped<DecidedOrders>();
        services.AddHostedService<StockSeeder>();
        return services;
    }
}
