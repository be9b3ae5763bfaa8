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

    /// <param name="request">The request.</param>
    /// <param name="subject">
    /// The token's subject when authenticated: the order's customer. A body that names another customer is refused
    /// (403); one that names none is the subject's.
    /// </param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public async Task<OrderRequest> ReadAsync(HttpRequest request, string? subject, CancellationToken cancellationToken)
    {
        if (subject is not null && !IsUsableCustomerId(subject))
        {
            return Rejected(Problems.Status(
                StatusCodes.Status403Forbidden,
                "Token subject unusable.",
                $"The token's subject must be 1 to {_limits.MaxIdentifierLength} characters without control characters or surrounding whitespace to be a customer id."));
        }

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
            var command = new OrderRequestValidator(_limits).Validate(document.RootElement, errors, subject);
            var key = HeaderToken.Read(request, IdempotencyKeyHeader, _limits.MaxHeaderValueLength, errors);
            if (!errors.IsEmpty || command is null)
            {
                return Rejected(Problems.Validation(errors));
            }

            return subject is null || string.Equals(command.CustomerId, subject, StringComparison.Ordinal)
                ? new OrderRequest(command, key, null)
                : Rejected(Problems.Status(
                    StatusCodes.Status403Forbidden,
                    "Order for another customer.",
                    "customerId must be the token's subject (or left out): a customer places orders only for themselves."));
        }
    }

    private bool IsUsableCustomerId(string value) =>
        value.Length > 0
        && value.Length <= _limits.MaxIdentifierLength
        && !char.IsWhiteSpace(value[0])
        && !char.IsWhiteSpace(value[^1])
        && !value.Any(char.IsControl);

    private static OrderRequest Rejected(ProblemHttpResult problem) => new(null, null, problem);
}
