using Fulfillment.Chassis.Health;
using Fulfillment.Chassis.Hosting;
using Fulfillment.OrderService.Orders;
using Fulfillment.OrderService.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddChassis<OrderDbContext>("order-service");
builder.Services.AddOrders(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapChassisHealth();
app.MapOrders();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
