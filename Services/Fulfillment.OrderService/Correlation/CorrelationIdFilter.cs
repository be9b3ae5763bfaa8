using Fulfillment.OrderService.Http;
using Fulfillment.OrderService.Orders;
using Microsoft.Extensions.Options;

namespace Fulfillment.OrderService.Correlation;

/// <summary>
/// Validates the client's <c>X-Correlation-Id</c>, keeps it for the handler and echoes it. Handlers that know a better
/// value (the order's own correlation id when the client sent none) overwrite the echoed header.
/// </summary>
public sealed class CorrelationIdFilter(IOptions<OrderOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Correlation-Id";

    private static readonly object ItemKey = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var errors = new ValidationErrors();
        var correlationId = HeaderToken.Read(http.Request, HeaderName, options.Value.MaxHeaderValueLength, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (correlationId is not null)
        {
            http.Items[ItemKey] = correlationId;
            http.Response.Headers[HeaderName] = correlationId;
        }

        return await next(context);
    }

    /// <summary>The client's correlation id, or null when it sent none.</summary>
    public static string? Get(HttpContext http) => http.Items.TryGetValue(ItemKey, out var value) ? value as string : null;
}
