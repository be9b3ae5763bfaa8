using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.QueryApi.Admin;
using Fulfillment.QueryApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.QueryApi.DeadLetters;

public static class DeadLetterEndpoints
{
    /// <summary><c>/api/admin/dlq</c>: list, inspect and replay dead letters, behind the admin API key.</summary>
    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        var dlq = endpoints.MapGroup("/api/admin/dlq")
            .WithTags("Dead letters")
            .AddEndpointFilter<ApiKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        dlq.MapGet("/", ListAsync).WithName("ListDeadLetters");
        dlq.MapGet("/{id:long}", GetAsync).WithName("GetDeadLetter");
        dlq.MapPost("/{id:long}/replay", ReplayAsync).WithName("ReplayDeadLetter");
        return endpoints;
    }

    private static async Task<Results<Ok<Page<DeadLetterSummary>>, ValidationProblem>> ListAsync(
        string? topic, string? page, string? pageSize, DeadLetterQueries queries, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(topic) && !Topics.DeadLetter.Contains(topic, StringComparer.Ordinal))
        {
            errors["topic"] = [$"topic must be one of {string.Join(", ", Topics.DeadLetter)}."];
        }

        var paging = PageRequest.Parse(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid dead-letter listing query");
        }

        return TypedResults.Ok(await queries.ListAsync(string.IsNullOrEmpty(topic) ? null : topic, paging, cancellationToken));
    }

    private static async Task<Results<Ok<DeadLetterDetails>, ProblemHttpResult>> GetAsync(
        long id, DeadLetterQueries queries, CancellationToken cancellationToken)
    {
        var letter = await queries.GetAsync(id, cancellationToken);
        return letter is null ? NotFound(id) : TypedResults.Ok(letter);
    }

    private static async Task<Results<Ok<DeadLetterReplay>, ProblemHttpResult>> ReplayAsync(
        long id, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        ReplayOutcome outcome;
        try
        {
            outcome = await replayer.ReplayAsync(id, cancellationToken);
        }
        catch (KafkaException ex)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Kafka did not take the record",
                detail: $"Dead letter {id} was not replayed: {ex.Error.Reason}. Nothing changed; try again.");
        }

        return outcome switch
        {
            { Replay: { } replay } => TypedResults.Ok(replay),
            { Refusal: { } refusal } => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Dead letter cannot be replayed", detail: refusal),
            _ => NotFound(id),
        };
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Dead letter not found",
            detail: $"There is no dead letter {id}.");
}
