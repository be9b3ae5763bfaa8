using Fulfillment.Messaging.Hosting;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Persistence;
using Fulfillment.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("payment-service");
builder.AddMessaging<PaymentDbContext>(messaging => messaging
    .AddConsumerGroup(group => group
        .PrepareBatchesWith<PaymentBatchPreparer>()
        .AddConsumer<AuthorizePayment>()
        .AddConsumer<CompensatePayment>()
        .RetryWith(retry => retry
            // A gateway that gave no answer may answer the same request later: bounded retries, then the dead-letter topic.
            .Transient<GatewayUnavailableException>()
            // A refund is owed: its record waits for the gateway however long it is down, and is never dead-lettered for it.
            .WaitOut<RefundUnavailableException>())));
builder.Services.AddPayments(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPaymentEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
