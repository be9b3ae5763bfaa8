namespace Fulfillment.QueryApi.Admin;

/// <summary>Section <c>Admin</c>: the key the <c>/api/admin</c> endpoints require in <c>X-Api-Key</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Empty (the default) refuses every admin request: there is no unprotected mode.</summary>
    public string ApiKey { get; set; } = string.Empty;
}
