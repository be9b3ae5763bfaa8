using Fulfillment.Chassis.Health;
using Fulfillment.Chassis.Hosting;
using Fulfillment.DeliveryService;
using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Deliveries;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tracking;
using Fulfillment.Messages;

var builder = WebApplication.CreateBuilder(args);
builder.AddChassis<DeliveryDbContext>("delivery-service", chassis => chassis
    .AddConsumerGroup([Topics.PaymentEvents], group => group
        .AddConsumer<AssignDriver>()));
builder.Services.AddDelivery(builder.Configuration).AddDeliveryApi();
builder.Services.AddHostedService<DriverPoolSync>();
builder.Services.AddHostedService<EtaTicker>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapChassisHealth();
app.MapDeliveries();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
