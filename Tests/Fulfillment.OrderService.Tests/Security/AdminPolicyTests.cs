using System.Net;
using Fulfillment.ServiceDefaults.Security;
using Fulfillment.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Security;

/// <summary>
/// The shared part on its own (Fulfillment.ServiceDefaults.Security), as query-api will use it for its dead-letter
/// endpoints: an endpoint that requires <see cref="SecurityPolicies.Admin"/>, on a minimal app, with and without
/// authentication configured.
/// </summary>
[TestFixture]
public sealed class AdminPolicyTests
{
    [Test]
    public async Task With_authentication_off_the_admin_policy_lets_every_request_through()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>());

        using var response = await app.GetTestClient().GetAsync("/admin");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, HttpStatusCode.Unauthorized, TestName = "Admin_without_a_token_is_401")]
    [TestCase("none", HttpStatusCode.Forbidden, TestName = "Admin_with_a_customer_token_is_403")]
    [TestCase("role", HttpStatusCode.OK, TestName = "Admin_with_role_admin_is_200")]
    [TestCase("roles", HttpStatusCode.OK, TestName = "Admin_with_roles_admin_is_200")]
    public async Task With_authentication_on_the_admin_policy_asks_for_the_admin_role(string? claim, HttpStatusCode expected)
    {
        await using var app = await StartAsync(TestTokens.Settings);
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        if (claim is not null)
        {
            var claims = claim == "none"
                ? new Dictionary<string, object>()
                : new Dictionary<string, object> { [claim] = claim == "roles" ? new[] { "reader", SecurityPolicies.AdminRole } : SecurityPolicies.AdminRole };
            request.WithBearer(TestTokens.For("ops-1", claims: claims));
        }

        using var response = await app.GetTestClient().SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase("ValidAudiences:0", null, "ValidAudiences", TestName = "Authentication_without_an_audience_fails_the_start")]
    [TestCase("SigningKeys:0:Value", "'bm90IGEga2V5'", "base64", TestName = "Authentication_with_a_quoted_key_fails_the_start")]
    public async Task A_configuration_that_could_not_work_fails_the_start(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings) { [$"Authentication:Schemes:Bearer:{key}"] = value };

        var failure = await Assert.CatchAsync(async () => await (await StartAsync(settings)).DisposeAsync());

        Assert.That(failure!.Message, Does.Contain(named));
    }

    [Test]
    public async Task A_signing_key_alone_as_dotnet_user_jwts_leaves_it_in_user_secrets_keeps_authentication_off()
    {
        var keyOnly = TestTokens.Settings.Where(s => s.Key.Contains("SigningKeys", StringComparison.Ordinal)).ToDictionary();
        await using var app = await StartAsync(keyOnly);

        using var response = await app.GetTestClient().GetAsync("/admin");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddJwtAuthentication();
        var app = builder.Build();
        app.UseJwtAuthentication();
        app.MapGet("/admin", () => TypedResults.Ok("dead letters")).RequireAuthorization(SecurityPolicies.Admin);
        await app.StartAsync();
        return app;
    }
}
