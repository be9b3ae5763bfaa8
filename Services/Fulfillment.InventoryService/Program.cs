using Fulfillment.Chassis.Health;
using Fulfillment.Chassis.Hosting;
using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Reservations;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;

var builder = WebApplication.CreateBuilder(args);
builder.AddChassis<InventoryDbContext>("inventory-service", chassis => chassis
    .AddConsumerGroup([Topics.OrderEvents, Topics.PaymentEvents], group => group
        .PrepareBatchesWith<InventoryBatchPreparer>()
        .AddConsumer<ReserveStock>()
        .AddConsumer<ReleaseStock>()));
builder.Services.AddStock(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapChassisHealth();
app.MapStockEndpoints();
app.MapReservationEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
