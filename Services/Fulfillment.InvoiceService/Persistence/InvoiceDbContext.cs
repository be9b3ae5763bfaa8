using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Persistence;

/// <summary>The invoice database; the mapping matches Migrations/0001_invoices.sql and 0002_credit_notes.sql exactly.</summary>
/// <remarks>The counter tables are not mapped: only <see cref="Numbering.NumberCounter{TNumber}"/> touches them, in SQL.</remarks>
public sealed class InvoiceDbContext(DbContextOptions<InvoiceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<UninvoicedCancellation> UninvoicedCancellations => Set<UninvoicedCancellation>();

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
            entity.HasOne(i => i.CreditNote).WithOne().HasForeignKey<CreditNote>(c => c.InvoiceNumber);
        });

        modelBuilder.Entity<CreditNote>(entity =>
        {
            entity.ToTable("credit_notes");
            entity.HasKey(c => c.CreditNoteNumber);
            entity.HasIndex(c => c.OrderId).IsUnique();
            entity.HasIndex(c => new { c.Year, c.Sequence }).IsUnique();
        });

        modelBuilder.Entity<UninvoicedCancellation>(entity =>
        {
            entity.ToTable("uninvoiced_cancellations");
            entity.HasKey(c => c.OrderId);
        });

        modelBuilder.Entity<InvoiceItem>(entity =>
        {
            entity.ToTable("invoice_items");
            entity.HasKey(l => new { l.InvoiceNumber, l.LineNo });
        });
    }
}
