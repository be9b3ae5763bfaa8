using System.Globalization;

namespace Fulfillment.QueryApi.Orders.Rebuild;

/// <summary>
/// Section <c>ReadModel</c>. <see cref="Generation"/> names the read model's consumer group: raising it makes the
/// service rebuild the read model from the start of the topics on its next start (see <see cref="ReadModelRebuilder"/>).
/// </summary>
public sealed class ReadModelOptions
{
    public const string SectionName = "ReadModel";

    /// <summary>The consumer group of generation 0; later generations add a suffix.</summary>
    public const string BaseConsumerGroup = "query-api";

    /// <summary>0 to start with; raise by one (with the service stopped) to rebuild. Never lower it.</summary>
    public int Generation { get; set; }

    /// <summary><c>query-api</c> for generation 0, <c>query-api-g&lt;N&gt;</c> after N rebuilds.</summary>
    public string ConsumerGroup => GroupOf(Generation);

    public static string GroupOf(int generation) =>
        generation == 0 ? BaseConsumerGroup : string.Create(CultureInfo.InvariantCulture, $"{BaseConsumerGroup}-g{generation}");
}
