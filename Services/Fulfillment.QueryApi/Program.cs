using Fulfillment.Messages;
using Fulfillment.Messaging.Hosting;
using Fulfillment.QueryApi;
using Fulfillment.QueryApi.DeadLetters;
using Fulfillment.QueryApi.Orders;
using Fulfillment.QueryApi.Orders.Projection;
using Fulfillment.QueryApi.Persistence;
using Fulfillment.QueryApi.Sagas;
using Fulfillment.QueryApi.Ui;
using Fulfillment.Sagas;
using Fulfillment.ServiceDefaults.Hosting;
using Fulfillment.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(QueryApiService.Name);
builder.AddMessaging<QueryDbContext>(messaging => messaging
    // The read model: its group id carries the read-model generation (raise ReadModel:Generation to rebuild).
    .AddConsumerGroup(builder.Configuration.ReadModelConsumerGroup(), group => group
        .AddConsumer<OrderEventsProjector>()
        .AddConsumer<InventoryEventsProjector>()
        .AddConsumer<PaymentEventsProjector>()
        .AddConsumer<DeliveryEventsProjector>()
        .AddConsumer<InvoiceEventsProjector>()
        .AddConsumer<NotificationEventsProjector>())
    // The order saga: its own group, so its offsets and inbox are independent of read-model rebuilds.
    .AddConsumerGroup(QueryApiService.SagaConsumerGroup, group => group
        .AddOrderSaga())
    .AddOrderSagaSupport()
    .AddRawConsumerGroup<DeadLetterRecorder>(QueryApiService.DeadLetterConsumerGroup, Topics.DeadLetter));
builder.AddQueryApi();
// Off unless configured; when on, a token with the admin role opens the dead-letter API as the key does.
builder.AddJwtAuthentication();
builder.Services.AddUi(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseJwtAuthentication();
app.MapOrders();
app.MapSagas();
app.MapDeadLetters();
app.MapUi();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
