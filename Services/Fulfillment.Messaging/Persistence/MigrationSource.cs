using System.Reflection;

namespace Fulfillment.Messaging.Persistence;

/// <summary>An assembly whose embedded <c>*.sql</c> resources are migrations, recorded under <see cref="Name"/>.</summary>
public sealed record MigrationSource(string Name, Assembly Assembly);
