using System.Text.Json;
using Fulfillment.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace Fulfillment.ServiceDefaults.OpenApi;

/// <summary>
/// What ASP.NET Core's OpenAPI metadata has no method for: an example request body and a header the handler reads
/// itself, added to the endpoint's operation by an operation transformer.
/// </summary>
public static class EndpointDocumentation
{
    /// <summary>
    /// Shows <paramref name="example"/>, serialized with the contract's JSON options (so it reads exactly like a body
    /// the service accepts), as the example of every JSON request body media type of the operation.
    /// </summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(example);
        var node = JsonSerializer.SerializeToNode(example, example.GetType(), FulfillmentJson.Options);
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var (mediaType, content) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    content.Example = node?.DeepClone();
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Documents a request header read by the handler or a filter rather than bound as a parameter.</summary>
    public static TBuilder WithRequestHeader<TBuilder>(this TBuilder builder, string name, string description, bool required = false)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Description = description,
                Required = required,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
    }
}
