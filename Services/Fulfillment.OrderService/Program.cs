using Fulfillment.Messaging.Hosting;
using Fulfillment.OrderService.Orders;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.RateLimiting;
using Fulfillment.OrderService.Status;
using Fulfillment.ServiceDefaults.Hosting;
using Fulfillment.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("order-service");
// Off unless Authentication:Schemes:Bearer is configured (docs/security.md).
builder.AddJwtAuthentication();
builder.AddMessaging<OrderDbContext>(messaging => messaging
    // Group "order-service": the lifecycle events on raw.inventory-, raw.payment- and raw.delivery-events, the
    // verdicts and compensations of decision 0019 included.
    .AddConsumerGroup(group => group
        .PrepareBatchesWith<OrderBatchPreparer>()
        .AddConsumer<TrackOrderStatus>()));
builder.Services.AddOrders(builder.Configuration);
builder.Services.AddOrderStatus();
builder.Services.AddOrderRateLimiting(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseJwtAuthentication();
// After authentication: an authenticated client is limited by its token's subject.
app.UseRateLimiter();
app.MapOrders();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
