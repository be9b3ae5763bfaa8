namespace Fulfillment.InventoryService.Stock;

public static class StockServiceCollectionExtensions
{
    /// <summary>Options, the ledger and the start-up seeding. Call after AddChassis: seeding must follow the migrations.</summary>
    public static IServiceCollection AddStock(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InventoryOptions>()
            .Bind(configuration.GetSection(InventoryOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Warehouse), "Inventory:Warehouse must not be empty.")
            .Validate(o => o.Catalog.Values.All(units => units >= 0), "Inventory:Catalog units must not be negative.")
            .ValidateOnStart();
        services.AddScoped<StockLedger>();
        services.AddHostedService<StockSeeder>();
        return services;
    }
}
