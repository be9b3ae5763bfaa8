using Fulfillment.Messaging.Persistence;
using Fulfillment.PaymentService.Gateway;

namespace Fulfillment.PaymentService.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The simulated gateway (from <c>Payment:Gateway</c>) and the unit of work's scoped helpers.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSimulatedPaymentGateway(configuration);
        services.AddScoped<OrderLocks>();
        services.AddScoped<OrderPayments>();
        return services;
    }
}
