using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Reservations;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messaging.Hosting;
using Fulfillment.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("inventory-service");
builder.AddMessaging<InventoryDbContext>(messaging => messaging
    .AddConsumerGroup(group => group
        .PrepareBatchesWith<InventoryBatchPreparer>()
        .AddConsumer<ReserveStock>()
        .AddConsumer<ReleaseStock>()));
builder.Services.AddStock(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStockEndpoints();
app.MapReservationEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
