using System.Text.Json;
using Fulfillment.OrderService.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// Reads the body itself, in this order: content type (415), size (413, counted while reading so the limit holds under
/// TestServer and Kestrel alike, whatever Content-Length claims), JSON syntax (400), then fields and headers (400 with
/// errors per field). Nothing is written before all of it passed.
/// </summary>
public sealed class OrderRequestReader(IOptions<OrderOptions> options)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 16,
        // Two values for one field leave the meaning to whichever parser reads it; refuse instead.
        AllowDuplicateProperties = false,
    };

    private readonly OrderOptions _limits = options.Value;

    public async Task<OrderRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsUtf8Json(request))
        {
            return Rejected(Problems.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type.",
                "Send the order as application/json in UTF-8."));
        }

        var body = await JsonBody.ReadLimitedAsync(request, _limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Rejected(Problems.Status(
                StatusCodes.Status413PayloadTooLarge,
                "Request body too large.",
                $"The body may be at most {_limits.MaxBodyBytes} bytes."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Rejected(Problems.Status(StatusCodes.Status400BadRequest, "Malformed JSON.", ex.Message));
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var command = new OrderRequestValidator(_limits).Validate(document.RootElement, errors);
            var key = HeaderToken.Read(request, IdempotencyKeyHeader, _limits.MaxHeaderValueLength, errors);
            return errors.IsEmpty && command is not null
                ? new OrderRequest(command, key, null)
                : Rejected(Problems.Validation(errors));
        }
    }

    private static OrderRequest Rejected(ProblemHttpResult problem) => new(null, null, problem);
}
