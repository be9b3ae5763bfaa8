using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Persistence;

/// <summary>The invoice database; the mapping matches Migrations/0001_invoices.sql exactly.</summary>
/// <remarks><c>invoice_counters</c> is not mapped: only <see cref="Numbering.InvoiceNumbers"/> touches it, in SQL.</remarks>
public sealed class InvoiceDbContext(DbContextOptions<InvoiceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Invoice>(entity =>
        {
            entity.ToTable("invoices");
            entity.HasKey(i => i.InvoiceNumber);
            entity.HasIndex(i => i.OrderId).IsUnique();
            entity.HasIndex(i => new { i.Year, i.Sequence }).IsUnique();
            entity.HasMany(i => i.Items).WithOne().HasForeignKey(l => l.InvoiceNumber).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<InvoiceItem>(entity =>
        {
            entity.ToTable("invoice_items");
            entity.HasKey(l => new { l.InvoiceNumber, l.LineNo });
        });
    }
}
