using System.Security.Cryptography;
using System.Text;
using Fulfillment.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Fulfillment.QueryApi.Admin;

/// <summary>
/// Lets a request through with the configured key in <c>X-Api-Key</c>, or (with JWT authentication configured) a
/// token carrying the admin role; otherwise 401 problem details. Both keys are hashed before the fixed-time
/// comparison, so neither the content nor the length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyFilter(IOptionsMonitor<AdminOptions> options, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.IsAdmin())
        {
            return await next(context);
        }

        var expected = options.CurrentValue.ApiKey;
        var presented = http.Request.Headers[AdminOptions.ApiKeyHeader].ToString();
        var refusal = string.IsNullOrEmpty(expected) ? "no Admin:ApiKey is configured"
            : string.IsNullOrEmpty(presented) ? $"no {AdminOptions.ApiKeyHeader} header"
            : !Matches(presented, expected) ? $"wrong {AdminOptions.ApiKeyHeader}"
            : null;
        if (refusal is null)
        {
            return await next(context);
        }

        Log.AdminRequestRefused(logger, http.Request.Method, http.Request.Path, refusal);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: $"The admin API needs a valid {AdminOptions.ApiKeyHeader} header, or a bearer token with the admin role.");
    }

    private static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
