using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Fulfillment.Messaging.Persistence;

/// <summary>The service database's connection pool, with the chassis's defaults where the connection string is silent.</summary>
internal static class DatabaseConnections
{
    /// <summary>
    /// Statements a connection keeps prepared on the server. A service repeats a handful of statements (inbox claim,
    /// outbox insert, its own updates) for every batch; prepared, PostgreSQL no longer parses and plans them each time.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Server connections one service instance opens at most (Npgsql's own default is 100: five services could take
    /// every connection PostgreSQL has). Work beyond it waits for a free connection in the pool, which on a busy
    /// server is faster than more connections competing for the same cores. docs/configuration.md has the arithmetic
    /// that sizes <c>max_connections</c> from it.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    public static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Mentions(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize", "MaximumPoolSize"))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        // SQL spans only inside a traced operation (a request, a consumed record): the relay's polls and backlog
        // counts would otherwise each start a trace of their own, several times a second, that belongs to no order.
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null));
        return builder.Build();
    }

    private static bool Mentions(string connectionString, params string[] keywords)
    {
        // The plain builder keeps only the keywords written, where Npgsql's knows every keyword.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(written.ContainsKey);
    }
}
