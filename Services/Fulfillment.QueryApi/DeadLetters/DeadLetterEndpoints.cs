using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.QueryApi.Admin;
using Fulfillment.QueryApi.Http;
using Fulfillment.ServiceDefaults.OpenApi;
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
            .WithRequestHeader(AdminOptions.ApiKeyHeader, "The admin API key (Admin:ApiKey).", required: true)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        dlq.MapGet("/", ListAsync)
            .WithName("ListDeadLetters")
            .WithSummary("List dead letters")
            .WithDescription("Records that failed every retry, newest first, optionally of one dlq.* topic, paged. 400 for an unknown topic or a bad page.");
        dlq.MapGet("/{id:long}", GetAsync)
            .WithName("GetDeadLetter")
            .WithSummary("Get a dead letter")
            .WithDescription("One dead letter with its original topic, partition, offset, key, headers, payload and the failure that sent it here.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        dlq.MapPost("/{id:long}/replay", ReplayAsync)
            .WithName("ReplayDeadLetter")
            .WithSummary("Replay a dead letter")
            .WithDescription("Produces the record again, unchanged (key, value, its own headers), to its original topic and counts the replay; replaying twice is harmless (consumers skip what they handled). 409 when it names no replayable original topic; 503 when Kafka did not take it (nothing changed, try again).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
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
