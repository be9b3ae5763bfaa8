using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Messaging.Persistence;

/// <summary>
/// The base of every service's database context. The schemas are written in SQL (snake_case, migrated at start-up),
/// so names follow that convention here instead of a <c>HasColumnName</c> per property; only names that differ from
/// the property's snake_case form are mapped by hand. Set in the context rather than at registration so that every
/// way of building one (the host, the test harnesses) maps the same names.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention();
}
