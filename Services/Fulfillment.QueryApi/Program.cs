using Fulfillment.Chassis.Health;
using Fulfillment.Chassis.Hosting;
using Fulfillment.Messages;
using Fulfillment.QueryApi;
using Fulfillment.QueryApi.DeadLetters;
using Fulfillment.QueryApi.Orders;
using Fulfillment.QueryApi.Orders.Projection;
using Fulfillment.QueryApi.Persistence;
using Fulfillment.QueryApi.Sagas;
using Fulfillment.Sagas;
using Fulfillment.Sagas.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddChassis<QueryDbContext>(QueryApiService.Name, chassis => chassis
    // The read model: its group id carries the read-model generation (raise ReadModel:Generation to rebuild).
    .AddConsumerGroup(builder.Configuration.ReadModelConsumerGroup(), Topics.Raw, group => group
        .AddConsumer<OrderEventsProjector>()
        .AddConsumer<InventoryEventsProjector>()
        .AddConsumer<PaymentEventsProjector>()
        .AddConsumer<DeliveryEventsProjector>())
    // The order saga: its own group, so its offsets and inbox are independent of read-model rebuilds.
    .AddConsumerGroup(QueryApiService.SagaConsumerGroup, Topics.Raw, group => group
        .AddSagaStateMachine<OrderStateMachine, OrderState>(saga => saga.UsePostgresRepository()))
    .AddOrderSagaSupport()
    .AddRawConsumerGroup<DeadLetterRecorder>(QueryApiService.DeadLetterConsumerGroup, Topics.DeadLetter));
builder.AddQueryApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapChassisHealth();
app.MapOpenApi();
app.MapOrders();
app.MapSagas();
app.MapDeadLetters();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
