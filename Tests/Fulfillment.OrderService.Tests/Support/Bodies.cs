using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>Request bodies: a valid order as a JSON tree that each test bends in one place.</summary>
public static class Bodies
{
    public static JsonObject ValidOrder(string customerId = "customer-1") => new()
    {
        ["customerId"] = customerId,
        ["items"] = new JsonArray
        {
            new JsonObject { ["sku"] = "SKU-APPLE", ["quantity"] = 3, ["unitPrice"] = 0.10m },
            new JsonObject { ["sku"] = "SKU-PEAR", ["quantity"] = 2, ["unitPrice"] = 12.345m },
        },
        ["currency"] = "EUR",
        ["deliveryAddress"] = new JsonObject { ["latitude"] = 48.8566, ["longitude"] = 2.3522 },
    };

    /// <summary>3 × 0.10 + 2 × 12.345, exactly.</summary>
    public const decimal ValidOrderTotal = 24.99m;

    public static StringContent Json(string json, string mediaType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    /// <summary>A POST to /api/orders with optional Idempotency-Key and X-Correlation-Id headers.</summary>
    public static HttpRequestMessage Post(HttpContent content, string? idempotencyKey = null, string? correlationId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        }

        return request;
    }
}
