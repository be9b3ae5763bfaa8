using System.Net;
using Fulfillment.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>
/// The service on TestServer, where every request would come from no address at all: here a request's remote
/// address is the one its <see cref="Header"/> names, so a test can be several anonymous clients.
/// </summary>
public sealed class AddressedServiceFactory(string connectionString, string bootstrapServers, IReadOnlyDictionary<string, string?> settings)
    : ServiceFactory<Program>(connectionString, bootstrapServers, settings)
{
    public const string Header = "X-Test-Remote-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    /// <summary>First in the pipeline, as a connection's address is there before any middleware.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header], out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
