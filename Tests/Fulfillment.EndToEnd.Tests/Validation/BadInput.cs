using System.Net;

namespace Fulfillment.EndToEnd.Tests.Validation;

/// <summary>One class of bad <c>POST /api/orders</c> request and what order-service must answer.</summary>
/// <param name="Name">The test case's name.</param>
/// <param name="Send">Sends the request for the given customer id.</param>
/// <param name="Status">The expected 4xx.</param>
/// <param name="Field">The field the validation problem must name (400 only), or null.</param>
public sealed record BadInput(string Name, Func<string, Task<HttpResponseMessage>> Send, HttpStatusCode Status, string? Field = null)
{
    public override string ToString() => Name;
}
