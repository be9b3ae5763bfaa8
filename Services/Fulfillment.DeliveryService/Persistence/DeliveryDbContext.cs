using Fulfillment.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>The delivery_db schema as written by Migrations/0001_deliveries.sql (kept in step by hand).</summary>
public sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options)
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
            entity.Property(d => d.DriverId).HasColumnName("driver_id").HasMaxLength(64);
            entity.Property(d => d.Latitude).HasColumnName("latitude");
            entity.Property(d => d.Longitude).HasColumnName("longitude");
            entity.Property(d => d.ActiveDeliveryId).HasColumnName("active_delivery_id");
            entity.Property(d => d.IdleSince).HasColumnName("idle_since");
            entity.Property(d => d.DeliveriesCompleted).HasColumnName("deliveries_completed");
            entity.Ignore(d => d.Position);
        });

        modelBuilder.Entity<Delivery>(entity =>
        {
            entity.ToTable("deliveries");
            entity.HasKey(d => d.DeliveryId);
            entity.Property(d => d.DeliveryId).HasColumnName("delivery_id").ValueGeneratedNever();
            entity.Property(d => d.OrderId).HasColumnName("order_id");
            entity.HasIndex(d => d.OrderId).IsUnique().HasDatabaseName("uq_deliveries_order_id");
            entity.Property(d => d.Status).HasColumnName("status").HasMaxLength(32);
            entity.Property(d => d.DriverId).HasColumnName("driver_id").HasMaxLength(64);
            entity.Property(d => d.DestinationLatitude).HasColumnName("destination_lat");
            entity.Property(d => d.DestinationLongitude).HasColumnName("destination_lon");
            entity.Property(d => d.DriverLatitude).HasColumnName("driver_lat");
            entity.Property(d => d.DriverLongitude).HasColumnName("driver_lon");
            entity.Property(d => d.DistanceKm).HasColumnName("distance_km");
            entity.Property(d => d.RemainingKm).HasColumnName("remaining_km");
            entity.Property(d => d.EstimatedArrival).HasColumnName("estimated_arrival");
            entity.Property(d => d.Sequence).HasColumnName("sequence");
            entity.Property(d => d.CorrelationId).HasColumnName("correlation_id");
            entity.Property(d => d.CausationId).HasColumnName("causation_id");
            entity.Property(d => d.TraceParent).HasColumnName("trace_parent");
            entity.Property(d => d.CreatedAt).HasColumnName("created_at");
            entity.Property(d => d.AssignedAt).HasColumnName("assigned_at");
            entity.Property(d => d.LastUpdateAt).HasColumnName("last_update_at");
            entity.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
            entity.Ignore(d => d.Destination);
            entity.Ignore(d => d.DriverPosition);
        });

        modelBuilder.Entity<EtaHistoryEntry>(entity =>
        {
            entity.ToTable("eta_history");
            entity.HasKey(e => new { e.DeliveryId, e.Sequence });
            entity.Property(e => e.DeliveryId).HasColumnName("delivery_id");
            entity.Property(e => e.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            entity.Property(e => e.DriverLatitude).HasColumnName("driver_lat");
            entity.Property(e => e.DriverLongitude).HasColumnName("driver_lon");
            entity.Property(e => e.RemainingKm).HasColumnName("remaining_km");
            entity.Property(e => e.EstimatedArrival).HasColumnName("estimated_arrival");
            entity.Property(e => e.RecordedAt).HasColumnName("recorded_at");
        });
    }
}
