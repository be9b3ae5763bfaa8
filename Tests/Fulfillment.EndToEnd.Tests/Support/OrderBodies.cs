using System.Text.Json.Nodes;

namespace Fulfillment.EndToEnd.Tests.Support;

/// <summary>Order requests as a client sends them (JSON, so a test can break any part of one).</summary>
public static class OrderBodies
{
    /// <summary>
    /// Near Versailles, 15 km or more from every demo driver (all in central Paris): at the real-time 30 km/h the
    /// platform runs with, no delivery of the run arrives, so an assigned order stays on the road and keeps sending ETAs.
    /// </summary>
    public const double Latitude = 48.8049;

    public const double Longitude = 2.1204;

    public static JsonObject Order(string customerId, string sku = "SKU-001", int quantity = 2, decimal unitPrice = 19.90m) => new()
    {
        ["customerId"] = customerId,
        ["currency"] = "EUR",
        ["items"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = quantity, ["unitPrice"] = unitPrice }),
        ["deliveryAddress"] = new JsonObject { ["latitude"] = Latitude, ["longitude"] = Longitude },
    };

    /// <summary>A customer id no other test (or earlier run against a shared database) uses.</summary>
    public static string UniqueCustomer(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
