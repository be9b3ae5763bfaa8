using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Fulfillment.ServiceDefaults.OpenApi;

/// <summary>Scalar's API reference at <c>/scalar</c>, from <c>/openapi/v1.json</c>, with nothing loaded from outside the service.</summary>
internal static class ApiReference
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints, string serviceName)
    {
        // The page's script is served from the package (/scalar/scalar.js); its default fonts would come from a CDN.
        endpoints.MapScalarApiReference(options => options
            .WithTitle($"{serviceName} API")
            .DisableDefaultFonts()
            .DisableTelemetry());
        return endpoints;
    }
}
