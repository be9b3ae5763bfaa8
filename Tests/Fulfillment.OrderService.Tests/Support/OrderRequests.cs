using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>Order-service's endpoints as a client calls them: place, cancel, and the JSON of an answer.</summary>
public static class OrderRequests
{
    /// <summary>Places a valid order (asserting the 202) and returns its id.</summary>
    public static async Task<string> PlaceAsync(HttpClient client, string customerId = "customer-1")
    {
        using var response = await client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder(customerId))));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("orderId").GetString()!;
    }

    /// <summary>A POST to the order's cancel endpoint, with <paramref name="body"/> as JSON, or no body at all.</summary>
    public static HttpRequestMessage Cancel(string orderId, JsonNode? body = null) =>
        new(HttpMethod.Post, $"/api/orders/{orderId}/cancel") { Content = body is null ? null : Bodies.Json(body) };

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
