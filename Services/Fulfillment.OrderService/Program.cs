using Fulfillment.Messaging.Hosting;
using Fulfillment.OrderService.Orders;
using Fulfillment.OrderService.Persistence;
using Fulfillment.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("order-service");
builder.AddMessaging<OrderDbContext>();
builder.Services.AddOrders(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrders();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
