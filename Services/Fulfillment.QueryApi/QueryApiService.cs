namespace Fulfillment.QueryApi;

/// <summary>The service's name and the consumer groups it runs (the read model's is in <c>ReadModelOptions</c>).</summary>
public static class QueryApiService
{
    public const string Name = "query-api";

    /// <summary>The order saga's group: its own offsets and inbox, independent of the read model's rebuilds.</summary>
    public const string SagaConsumerGroup = "query-api-saga";

    /// <summary>Records the dlq.* topics into <c>dead_letters</c>.</summary>
    public const string DeadLetterConsumerGroup = "query-api-dlq";
}
