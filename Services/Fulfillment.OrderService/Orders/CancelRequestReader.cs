using System.Text.Json;
using Fulfillment.OrderService.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// Reads the cancel's optional body: none at all (or an empty one) is the default reason; otherwise a UTF-8 JSON
/// object (415, 413, 400 as for placement) whose optional <c>reason</c> is a string. Other fields are ignored.
/// </summary>
public sealed class CancelRequestReader(IOptions<OrderOptions> options)
{
    private const string Field = "reason";

    public async Task<CancelRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        var body = await JsonBody.ReadLimitedAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Rejected(Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large.", $"The body may be at most {limit} bytes."));
        }

        if (body.Length == 0)
        {
            return new CancelRequest(CancelReason.Default, null);
        }

        if (!JsonBody.IsUtf8Json(request))
        {
            return Rejected(Problems.Status(
                StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send the body, if any, as application/json in UTF-8."));
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            var errors = new ValidationErrors();
            var reason = ReadReason(document.RootElement, errors);
            return errors.IsEmpty ? new CancelRequest(reason, null) : Rejected(Problems.Validation(errors));
        }
        catch (JsonException ex)
        {
            return Rejected(Problems.Status(StatusCodes.Status400BadRequest, "Malformed JSON.", ex.Message));
        }
    }

    private static string ReadReason(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return CancelReason.Default;
        }

        var property = root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, Field, StringComparison.OrdinalIgnoreCase));
        var element = property.Value;
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return CancelReason.Default;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(Field, "reason must be a string.");
            return CancelReason.Default;
        }

        string value;
        try
        {
            value = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(Field, "reason must be valid Unicode text.");
            return CancelReason.Default;
        }

        if (CancelReason.Problem(value) is { } problem)
        {
            errors.Add(Field, problem);
        }

        return value;
    }

    private static CancelRequest Rejected(ProblemHttpResult problem) => new(CancelReason.Default, problem);
}
