using Fulfillment.Sagas.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.QueryApi.Sagas;

public static class SagaEndpoints
{
    /// <summary><c>GET /api/sagas/{orderId}</c>: the order saga's state, version, timestamps, stalled flag and history.</summary>
    public static IEndpointRouteBuilder MapSagas(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/sagas").WithTags("Sagas").MapGet("/{orderId}", GetSagaAsync)
            .WithName("GetSaga")
            .WithSummary("Get an order's saga")
            .WithDescription("The order saga's current state, version, timestamps, whether it is stalled (no progress for longer than the configured limit) and its transition history.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<OrderSagaView>, ProblemHttpResult>> GetSagaAsync(
        string orderId, OrderSagaQueries sagas, CancellationToken cancellationToken)
    {
        var saga = await sagas.FindAsync(orderId, cancellationToken);
        return saga is null
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Saga not found",
                detail: $"The order saga has handled no event of order '{orderId}'.")
            : TypedResults.Ok(saga);
    }
}
