using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>The Wolverine peer's unit of work: its transactional middleware enlists the outbox in this context's transaction.</summary>
public sealed class PeerDbContext(DbContextOptions<PeerDbContext> options) : DbContext(options);
