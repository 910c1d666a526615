using Erp.Kernel.Data;
using Erp.Kernel.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Erp.Messaging.Data;

/// <summary>
/// Owns the outbox tables every module context writes to (<see cref="OutboxTables"/>); the base context maps
/// them, and only here do they take part in migrations. Also keeps the idempotency keys of retried writes.
/// </summary>
public sealed class MessagingDbContext(DbContextOptions<MessagingDbContext> options)
    : ModuleDbContext<MessagingDbContext>(options), IModuleDbContext
{
    public static string Schema => OutboxTables.Schema;

    public DbSet<OutboxMessage> Messages => Set<OutboxMessage>();
    public DbSet<OutboxDelivery> Deliveries => Set<OutboxDelivery>();
    internal DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class MessagingDbContextFactory : ModuleDbContextFactory<MessagingDbContext>;
