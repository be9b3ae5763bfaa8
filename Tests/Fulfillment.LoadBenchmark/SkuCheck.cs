using System.Net;

namespace Fulfillment.LoadBenchmark;

/// <summary>Warns when inventory-service does not know the SKUs the load orders (a build without <c>Inventory:Generated</c>).</summary>
public static class SkuCheck
{
    public static async Task WarnIfMissingAsync(LocalPlatform platform, LoadOptions options)
    {
        using var client = new HttpClient { BaseAddress = platform.InventoryUrl, Timeout = TimeSpan.FromSeconds(10) };
        foreach (var sku in new[] { OrderBodyFactory.Sku(1), OrderBodyFactory.Sku(options.Skus) }.Distinct())
        {
            using var response = await client.GetAsync(new Uri("/api/stock/" + sku, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Console.WriteLine($"WARNING: inventory-service does not know {sku}: this build ignores Inventory:Generated, so every order " +
                    "will be rejected (inventory.rejected). Run with --seed-catalog to list the SKUs in Inventory:Catalog instead.");
                return;
            }
        }
    }
}
