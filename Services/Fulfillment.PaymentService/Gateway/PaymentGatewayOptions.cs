namespace Fulfillment.PaymentService.Gateway;

/// <summary>The simulated gateway's rules (section <c>Payment:Gateway</c>). Every rule is deterministic.</summary>
public sealed class PaymentGatewayOptions
{
    public const string SectionName = "Payment:Gateway";

    /// <summary>Amounts above this are declined, whatever the currency (there is no FX in a simulation).</summary>
    public decimal MaxAmount { get; set; } = 10_000.00m;

    /// <summary>Customers whose id starts with this (ordinal, case-sensitive) are declined; empty disables the rule.</summary>
    public string BlockedCustomerPrefix { get; set; } = "blocked-";

    /// <summary>
    /// Share of calls, authorizations and refunds alike, 0 to 1, that fail as if the gateway were unreachable
    /// (<see cref="GatewayUnavailableException"/>, <see cref="RefundUnavailableException"/> for a refund), to exercise
    /// the consumer's retries. 0 (the default) never fails.
    /// </summary>
    public double TransientFailureRate { get; set; }

    /// <summary>Seeds the transient-failure draws: the same seed gives the same sequence of failures.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Simulated round trip to the gateway per call (authorization or refund).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;
}
