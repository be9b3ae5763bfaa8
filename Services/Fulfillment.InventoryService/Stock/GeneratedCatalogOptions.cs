using System.Globalization;

namespace Fulfillment.InventoryService.Stock;

/// <summary>
/// A catalog too large to list (section <c>Inventory:Generated</c>): <see cref="Count"/> SKUs named
/// <c>SKU-00001</c>, <c>SKU-00002</c>, … each seeded with <see cref="Units"/> units. For load tests and demos.
/// </summary>
public sealed class GeneratedCatalogOptions
{
    public int Count { get; set; }

    public int Units { get; set; }

    public static string SkuOf(int number) => string.Create(CultureInfo.InvariantCulture, $"SKU-{number:D5}");

    public IEnumerable<KeyValuePair<string, int>> Skus() =>
        Enumerable.Range(1, Math.Max(0, Count)).Select(number => KeyValuePair.Create(SkuOf(number), Units));
}
