using System.Globalization;
using System.Threading.RateLimiting;
using Fulfillment.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Fulfillment.OrderService.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on the order writes, per client: a fixed window of <see cref="OrderWriteLimitOptions"/>
/// for each token subject, or remote address when anonymous. A refused request is a 429 problem details answer with
/// <c>Retry-After</c>, and nothing of it reaches the handler.
/// </summary>
public static class OrderRateLimiting
{
    /// <summary>The policy of <c>POST /api/orders</c> and <c>POST /api/orders/{orderId}/cancel</c> (one budget for both).</summary>
    public const string OrderWrites = "order-writes";

    public static IServiceCollection AddOrderRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName));
        services.AddOptions<OrderWriteLimitOptions>()
            .Bind(configuration.GetSection(OrderWriteLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(OrderWrites, Partition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var services = http.RequestServices;
        if (!services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var limit = services.GetRequiredService<IOptions<OrderWriteLimitOptions>>().Value;
        // Prefixed, so that a subject that looks like an address never shares an address's budget.
        var client = http.User.Subject() is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        // Whole seconds (RFC 9110), at least one: "0" would invite an immediate retry that fails again.
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This client has used its order writes for now; retry after {seconds} s.",
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
            },
        });
    }
}
