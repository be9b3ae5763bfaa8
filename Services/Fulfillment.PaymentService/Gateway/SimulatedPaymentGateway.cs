using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Fulfillment.PaymentService.Gateway;

/// <summary>
/// A deterministic stand-in for a card processor. Rules, in order: a seeded share of calls fail transiently; blocked
/// customers are declined; amounts that are not positive or are above <see cref="PaymentGatewayOptions.MaxAmount"/>
/// are declined; everything else is approved with an auth code derived from the idempotency key. A refund meets the
/// same latency and the same seeded outages, and is then always made, its id derived from its idempotency key (the
/// payment), so a repeated refund is the same refund, as a real gateway's idempotency keys make it.
/// </summary>
/// <remarks>A singleton: the seeded draw sequence spans all calls, so a retried call draws again and can succeed.</remarks>
public sealed class SimulatedPaymentGateway(IOptions<PaymentGatewayOptions> options, TimeProvider clock) : IPaymentGateway
{
    private readonly PaymentGatewayOptions _options = options.Value;
    private readonly Random _draws = new(options.Value.Seed);
    private readonly Lock _drawsGate = new();

    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        if (!await AnswersAsync(cancellationToken))
        {
            throw new GatewayUnavailableException($"Simulated gateway outage for {request.IdempotencyKey}.");
        }

        if (_options.BlockedCustomerPrefix.Length > 0
            && request.CustomerId.StartsWith(_options.BlockedCustomerPrefix, StringComparison.Ordinal))
        {
            return AuthorizationResult.Decline($"declined: customer '{request.CustomerId}' is blocked");
        }

        if (request.Amount <= 0)
        {
            return AuthorizationResult.Decline(Invariant($"declined: invalid amount {request.Amount} {request.Currency}"));
        }

        if (request.Amount > _options.MaxAmount)
        {
            return AuthorizationResult.Decline(
                Invariant($"declined: amount {request.Amount} {request.Currency} is above the limit of {_options.MaxAmount}"));
        }

        return AuthorizationResult.Approve(AuthCodeFor(request.IdempotencyKey));
    }

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Amount);
        if (!await AnswersAsync(cancellationToken))
        {
            throw new RefundUnavailableException($"Simulated gateway outage for the refund of {request.IdempotencyKey}.");
        }

        return new RefundResult(RefundIdFor(request.IdempotencyKey));
    }

    /// <summary>Six upper-case hex digits from the order: the same order always gets the same code.</summary>
    internal static string AuthCodeFor(string idempotencyKey) =>
        "AUTH-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)), 0, 3);

    /// <summary>Twelve upper-case hex digits from the payment: a refund asked for again is the same refund.</summary>
    internal static string RefundIdFor(string idempotencyKey) =>
        "REF-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)), 0, 6);

    /// <summary>The round trip, then whether the gateway answered this call (false: a simulated outage).</summary>
    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, clock, cancellationToken);
        }

        return _options.TransientFailureRate <= 0 || NextDraw() >= _options.TransientFailureRate;
    }

    private double NextDraw()
    {
        lock (_drawsGate)
        {
            return _draws.NextDouble();
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
