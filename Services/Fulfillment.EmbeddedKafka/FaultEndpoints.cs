using Fulfillment.EmbeddedKafka.Broker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Fulfillment.EmbeddedKafka;

/// <summary>
/// The broker's fault-injection admin API (<c>--admin-port</c>, loopback only), so that another process (the fault
/// suite, a person with curl) can break Kafka on purpose: brokers down and up, leaders moved, request errors queued.
/// </summary>
public static partial class FaultEndpoints
{
    public static IEndpointRouteBuilder MapFaults(this IEndpointRouteBuilder endpoints, EmbeddedKafkaCluster cluster)
    {
        var faults = endpoints.MapGroup("/faults");
        faults.MapPost("/broker/{id:int}/down", (int id, ILoggerFactory logs) => Apply(logs, $"broker {id} down", () => cluster.SetBrokerDown(id)));
        faults.MapPost("/broker/{id:int}/up", (int id, ILoggerFactory logs) => Apply(logs, $"broker {id} up", () => cluster.SetBrokerUp(id)));
        faults.MapPost("/leader", (LeaderFault fault, ILoggerFactory logs) => Apply(logs,
            $"leader of {fault.Topic}/{fault.Partition} to broker {fault.Broker}", () => cluster.SetPartitionLeader(fault.Topic, fault.Partition, fault.Broker)));
        faults.MapPost("/errors", (RequestErrorsFault fault, ILoggerFactory logs) => fault.Count < 1
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "count must be at least 1")
            : Apply(logs, $"{fault.Count} × error {fault.ErrorCode} on {fault.ApiKey} requests", () => cluster.PushRequestErrors(fault.ApiKey, fault.Count, fault.ErrorCode)));
        faults.MapDelete("/errors/{apiKey}", (KafkaApiKey apiKey, ILoggerFactory logs) => Apply(logs, $"queued {apiKey} errors cleared", () => cluster.ClearRequestErrors(apiKey)));
        return endpoints;
    }

    private static Results<NoContent, ProblemHttpResult> Apply(ILoggerFactory logs, string fault, Action inject)
    {
        var logger = logs.CreateLogger(typeof(FaultEndpoints));
        try
        {
            inject();
            LogInjected(logger, fault);
            return TypedResults.NoContent();
        }
        catch (InvalidOperationException ex)
        {
            // The mock refused: an unknown broker, topic or partition is the caller's mistake.
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The mock cluster refused the fault", detail: ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "embedded-kafka fault injected: {Fault}")]
    private static partial void LogInjected(ILogger logger, string fault);
}
