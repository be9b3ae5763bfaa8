using Fulfillment.Chassis.Persistence;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Chassis.Tests.Unit;

public sealed class DatabaseConnectionsTests
{
    private const string Base = "Host=localhost;Database=orders;Username=orders";

    [Test]
    public async Task Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        await using var silent = DatabaseConnections.Build(Base);
        await using var off = DatabaseConnections.Build(Base + ";Max Auto Prepare=0");
        await using var own = DatabaseConnections.Build(Base + ";MaxAutoPrepare=5");

        Assert.Multiple(() =>
        {
            Assert.That(MaxAutoPrepare(silent), Is.EqualTo(DatabaseConnections.DefaultMaxAutoPrepare));
            Assert.That(MaxAutoPrepare(off), Is.Zero);
            Assert.That(MaxAutoPrepare(own), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task The_pool_is_bounded_by_default_and_the_connection_string_can_size_it()
    {
        await using var silent = DatabaseConnections.Build(Base);
        await using var own = DatabaseConnections.Build(Base + ";Maximum Pool Size=7");
        await using var alias = DatabaseConnections.Build(Base + ";MaxPoolSize=9");

        Assert.Multiple(() =>
        {
            Assert.That(MaxPoolSize(silent), Is.EqualTo(DatabaseConnections.DefaultMaxPoolSize));
            Assert.That(MaxPoolSize(silent), Is.LessThan(new NpgsqlConnectionStringBuilder().MaxPoolSize), "below Npgsql's default");
            Assert.That(MaxPoolSize(own), Is.EqualTo(7));
            Assert.That(MaxPoolSize(alias), Is.EqualTo(9));
        });
    }

    private static int MaxPoolSize(NpgsqlDataSource source) => new NpgsqlConnectionStringBuilder(source.ConnectionString).MaxPoolSize;

    private static int MaxAutoPrepare(NpgsqlDataSource source) => new NpgsqlConnectionStringBuilder(source.ConnectionString).MaxAutoPrepare;
}
