using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>Assertions on RFC 9457 answers.</summary>
public static class Problem
{
    public const string MediaType = "application/problem+json";

    /// <summary>Asserts the status and the problem+json shape; returns the document's root for further checks.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(MediaType), text);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        Assert.That(root.GetProperty("status").GetInt32(), Is.EqualTo((int)status), text);
        Assert.That(root.GetProperty("title").GetString(), Is.Not.Empty, text);
        return root;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> names <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var root = await AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.That(root.TryGetProperty("errors", out var errors), Is.True, root.ToString());
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Does.Contain(field), root.ToString());
        Assert.That(errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()), Is.Not.Empty);
        return root;
    }
}
