using System.Net;
using System.Text.Json;

namespace Fulfillment.EndToEnd.Tests.Support;

/// <summary>Checks RFC 9457 problem answers.</summary>
public static class Problems
{
    public const string MediaType = "application/problem+json";

    /// <summary>Asserts the status and a problem+json body stating the same status; returns the body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(MediaType), text);
        }

        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.ValueKind, Is.EqualTo(JsonValueKind.Object), text);
            Assert.That(problem.TryGetProperty("status", out var stated) ? stated.GetInt32() : 0, Is.EqualTo((int)status), text);
            Assert.That(problem.TryGetProperty("title", out var title) ? title.GetString() : null, Is.Not.Null.And.Not.Empty, text);
        }

        return problem;
    }
}
