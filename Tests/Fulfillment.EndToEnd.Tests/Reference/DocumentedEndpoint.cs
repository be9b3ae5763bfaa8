namespace Fulfillment.EndToEnd.Tests.Reference;

/// <summary>An operation a service's OpenAPI document must describe, with the problem statuses it can answer.</summary>
public sealed record DocumentedEndpoint(string Method, string Path, params int[] Problems)
{
    public override string ToString() => $"{Method} {Path}";
}
