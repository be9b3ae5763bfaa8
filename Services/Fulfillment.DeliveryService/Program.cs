using Fulfillment.DeliveryService;
using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Cancellation;
using Fulfillment.DeliveryService.Deliveries;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tracking;
using Fulfillment.Messaging.Hosting;
using Fulfillment.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("delivery-service");
builder.AddMessaging<DeliveryDbContext>(messaging => messaging
    .AddConsumerGroup(group => group
        .AddConsumer<AssignDriver>()
        .AddConsumer<CancelDelivery>()
        .PrepareBatchesWith<DeliveryBatchPreparer>()));
builder.Services.AddDelivery(builder.Configuration).AddDeliveryApi();
builder.Services.AddHostedService<DriverPoolSync>();
builder.Services.AddHostedService<EtaTicker>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeliveries();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
