using Fulfillment.Chassis.Health;
using Fulfillment.Chassis.Hosting;
using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddChassis<PaymentDbContext>("payment-service", chassis => chassis
    .AddConsumerGroup([Topics.InventoryEvents], group => group
        .AddConsumer<AuthorizePayment>()));
builder.Services.AddSimulatedPaymentGateway(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapChassisHealth();
app.MapPaymentEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
