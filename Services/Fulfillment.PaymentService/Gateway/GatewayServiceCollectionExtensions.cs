namespace Fulfillment.PaymentService.Gateway;

public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddSimulatedPaymentGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentGatewayOptions>()
            .Bind(configuration.GetSection(PaymentGatewayOptions.SectionName))
            .Validate(o => o.MaxAmount >= 0, "Payment:Gateway:MaxAmount must not be negative.")
            .Validate(o => o.TransientFailureRate is >= 0 and <= 1, "Payment:Gateway:TransientFailureRate must be between 0 and 1.")
            .Validate(o => o.Latency >= TimeSpan.Zero, "Payment:Gateway:Latency must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        return services;
    }
}
