using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>The delivery_db schema as written by Migrations/0001_deliveries.sql (kept in step by hand).</summary>
public sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Driver> Drivers => Set<Driver>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<EtaHistoryEntry> EtaHistory => Set<EtaHistoryEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Driver>(entity =>
        {
            entity.ToTable("drivers");
            entity.HasKey(d => d.DriverId);
            entity.Property(d => d.DriverId).HasMaxLength(64);
            entity.Ignore(d => d.Position);
        });

        modelBuilder.Entity<Delivery>(entity =>
        {
            entity.ToTable("deliveries");
            entity.HasKey(d => d.DeliveryId);
            entity.Property(d => d.DeliveryId).ValueGeneratedNever();
            entity.HasIndex(d => d.OrderId).IsUnique().HasDatabaseName("uq_deliveries_order_id");
            entity.Property(d => d.Status).HasMaxLength(32);
            entity.Property(d => d.DriverId).HasMaxLength(64);
            entity.Property(d => d.DestinationLatitude).HasColumnName("destination_lat");
            entity.Property(d => d.DestinationLongitude).HasColumnName("destination_lon");
            entity.Property(d => d.DriverLatitude).HasColumnName("driver_lat");
            entity.Property(d => d.DriverLongitude).HasColumnName("driver_lon");
            entity.Property(d => d.FailureCode).HasMaxLength(32);
            entity.Ignore(d => d.Destination);
            entity.Ignore(d => d.RequiredDestination);
            entity.Ignore(d => d.DriverPosition);
        });

        modelBuilder.Entity<EtaHistoryEntry>(entity =>
        {
            entity.ToTable("eta_history");
            entity.HasKey(e => new { e.DeliveryId, e.Sequence });
            entity.Property(e => e.Sequence).ValueGeneratedNever();
            entity.Property(e => e.DriverLatitude).HasColumnName("driver_lat");
            entity.Property(e => e.DriverLongitude).HasColumnName("driver_lon");
        });
    }
}
