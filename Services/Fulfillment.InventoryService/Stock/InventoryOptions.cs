namespace Fulfillment.InventoryService.Stock;

/// <summary>The warehouse and its initial stock (section <c>Inventory</c>).</summary>
public sealed class InventoryOptions
{
    public const string SectionName = "Inventory";

    public string Warehouse { get; set; } = "WH-01";

    /// <summary>
    /// Units per SKU seeded at start-up for SKUs the database does not know yet. Known SKUs keep their current stock:
    /// a restart must not hand back units that orders already took.
    /// </summary>
    public Dictionary<string, int> Catalog { get; set; } = new(StringComparer.Ordinal);

    /// <summary>SKUs generated rather than listed, seeded like <see cref="Catalog"/>'s (a listed SKU wins).</summary>
    public GeneratedCatalogOptions Generated { get; set; } = new();

    /// <summary>Every SKU to seed with its units: the listed catalog, then the generated SKUs it does not name.</summary>
    public IReadOnlyDictionary<string, int> SeedCatalog()
    {
        var all = new Dictionary<string, int>(Catalog, StringComparer.Ordinal);
        foreach (var (sku, units) in Generated.Skus())
        {
            all.TryAdd(sku, units);
        }

        return all;
    }
}
