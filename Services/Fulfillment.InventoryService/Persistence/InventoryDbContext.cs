using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fulfillment.InventoryService.Persistence;

/// <summary>The inventory database; the mapping matches Migrations/0001_stock_and_reservations.sql exactly.</summary>
public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : ServiceDbContext(options)
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
        });

        modelBuilder.Entity<Reservation>(entity =>
        {
            entity.ToTable("reservations");
            entity.HasKey(r => r.ReservationId);
            entity.Property(r => r.ReservationId).ValueGeneratedNever();
            entity.HasIndex(r => r.OrderId).IsUnique();
            entity.Property(r => r.Status).HasConversion(StatusConverter);
            entity.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReservationLine>(entity =>
        {
            entity.ToTable("reservation_lines");
            entity.HasKey(l => new { l.ReservationId, l.Sku });
        });
    }
}
