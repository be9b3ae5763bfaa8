namespace Fulfillment.Deployment.Tests.Support;

/// <summary>One row of README.md, "Calling every endpoint" and docs/configuration.md: how a service is named in compose and Kubernetes, its project, port and database.</summary>
internal sealed record ServiceContract(string Name, string Project, int Port, string Database)
{
    public string ProjectDirectory => Repository.PathOf(Path.Combine("Services", Project));

    public string ProjectFile => Path.Combine(ProjectDirectory, Project + ".csproj");

    public override string ToString() => Name;
}
