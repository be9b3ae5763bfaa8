using Fulfillment.Messaging.Persistence;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

/// <summary>The chassis' connection defaults apply where the connection string is silent, and only there.</summary>
public sealed class DatabaseConnectionsTests
{
    private const string Base = "Host=localhost;Database=orders;Username=orders";

    [TestCase("", DatabaseConnections.DefaultMaxAutoPrepare, DatabaseConnections.DefaultMaxPoolSize)]
    [TestCase(";Max Auto Prepare=0", 0, DatabaseConnections.DefaultMaxPoolSize)]
    [TestCase(";MaxAutoPrepare=5", 5, DatabaseConnections.DefaultMaxPoolSize)]
    [TestCase(";Maximum Pool Size=7", DatabaseConnections.DefaultMaxAutoPrepare, 7)]
    [TestCase(";MaxPoolSize=9", DatabaseConnections.DefaultMaxAutoPrepare, 9)]
    public async Task The_connection_string_wins_where_it_speaks(string written, int maxAutoPrepare, int maxPoolSize)
    {
        await using var source = DatabaseConnections.Build(Base + written);

        var effective = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(effective.MaxAutoPrepare, Is.EqualTo(maxAutoPrepare));
            Assert.That(effective.MaxPoolSize, Is.EqualTo(maxPoolSize));
        }
    }
}
