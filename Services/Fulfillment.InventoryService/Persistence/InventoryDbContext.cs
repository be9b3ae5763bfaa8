using Fulfillment.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fulfillment.InventoryService.Persistence;

/// <summary>The inventory database; the mapping matches Migrations/0001_stock_and_reservations.sql exactly.</summary>
public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    private static readonly ValueConverter<ReservationStatus, string> StatusConverter = new(
        status => ReservationStatusText.Format(status),
        column => ReservationStatusText.Parse(column));

    public DbSet<StockItem> Stock => Set<StockItem>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<ReservationLine> ReservationLines => Set<ReservationLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<StockItem>(entity =>
        {
            entity.ToTable("stock");
            entity.HasKey(s => s.Sku);
            entity.Property(s => s.Sku).HasColumnName("sku");
            entity.Property(s => s.Warehouse).HasColumnName("warehouse");
            entity.Property(s => s.Available).HasColumnName("available");
            entity.Property(s => s.Reserved).HasColumnName("reserved");
            entity.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<Reservation>(entity =>
        {
            entity.ToTable("reservations");
            entity.HasKey(r => r.ReservationId);
            entity.Property(r => r.ReservationId).HasColumnName("reservation_id").ValueGeneratedNever();
            entity.Property(r => r.OrderId).HasColumnName("order_id");
            entity.HasIndex(r => r.OrderId).IsUnique();
            entity.Property(r => r.Warehouse).HasColumnName("warehouse");
            entity.Property(r => r.Status).HasColumnName("status").HasConversion(StatusConverter);
            entity.Property(r => r.Reason).HasColumnName("reason");
            entity.Property(r => r.SourceEventId).HasColumnName("source_event_id");
            entity.Property(r => r.CreatedAt).HasColumnName("created_at");
            entity.Property(r => r.ReleasedAt).HasColumnName("released_at");
            entity.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReservationLine>(entity =>
        {
            entity.ToTable("reservation_lines");
            entity.HasKey(l => new { l.ReservationId, l.Sku });
            entity.Property(l => l.ReservationId).HasColumnName("reservation_id");
            entity.Property(l => l.Sku).HasColumnName("sku");
            entity.Property(l => l.Quantity).HasColumnName("quantity");
        });
    }
}
