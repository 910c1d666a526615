using System.Linq.Expressions;
using Erp.Kernel;
using Erp.Kernel.Domain;
using Erp.Kernel.Messaging;
using Erp.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erp.Kernel.Data;

/// <summary>A module's DbContext names its PostgreSQL schema once, here; registration and migrations read it.</summary>
public interface IModuleDbContext
{
    static abstract string Schema { get; }
}

/// <summary>
/// Base of every module's and plugin's DbContext: its own schema, and the kernel's conventions:
/// row version (<c>xmin</c>) on aggregate roots, soft-delete filter, domain events and audit stamps on save
/// (through <see cref="ErpSaveChangesInterceptor"/>). Saves are asynchronous only.
/// </summary>
public abstract class ModuleDbContext<TSelf>(DbContextOptions<TSelf> options) : DbContext(options), IScopedModuleContext, ICompanyScopedContext, IJoinableContext
    where TSelf : ModuleDbContext<TSelf>, IModuleDbContext
{
    // Room for any integration client's id in audit stamps (identity allows 64; OpenIddict's column holds 100).
    private const int ClientIdMaxLength = 100;

    private const string CompanyFilter = "Company";
    private const string SoftDeleteFilter = "SoftDelete";
    private static readonly Guid[] NoCompanies = [];

    private readonly List<IIntegrationEvent> _integrationEvents = [];
    private IServiceProvider? _scopeServices;
    private ICurrentCompany? _company;
    private UnitOfWork? _unitOfWork;
    private bool _joined;
    private bool _readsOnly;

    /// <summary>
    /// Publishes <paramref name="integrationEvent"/> with the next save: it is stored in the outbox in that save's
    /// transaction and delivered to its handlers after the commit, or never if the transaction rolls back.
    /// </summary>
    public void Publish(IIntegrationEvent integrationEvent) => _integrationEvents.Add(integrationEvent);

    /// <summary>
    /// Runs a use case in one transaction: every save inside it (the module's own, and those a library such as ASP.NET
    /// Core Identity or OpenIddict makes on this context) commits together, or none does. Inside a transaction already
    /// (an outer use case, a <see cref="UnitOfWork"/>, an outbox delivery), the use case joins it. A use case that writes
    /// through another plugin's Contracts runs in <see cref="UnitOfWork.RunAsync{T}"/> instead.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> useCase, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null) return await useCase();
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var result = await useCase();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public Task InTransactionAsync(Func<Task> useCase, CancellationToken cancellationToken) =>
        InTransactionAsync(async () => { await useCase(); return true; }, cancellationToken);

    IServiceProvider IScopedModuleContext.ScopeServices => _scopeServices
        ?? throw new InvalidOperationException($"{GetType().Name} was not created by the host's services, so it has no scope to save in.");

    IReadOnlyList<IIntegrationEvent> IScopedModuleContext.TakeIntegrationEvents()
    {
        var events = _integrationEvents.ToArray();
        _integrationEvents.Clear();
        return events;
    }

    /// <summary>
    /// Whether a save that fails inside a transaction is taken back to where it began (EF Core's savepoint), so the use
    /// case may go on in that transaction. Off for module contexts: every save in a transaction costs two round trips
    /// less, and a failed save fails its use case, whose transaction rolls back whole. On for a context whose libraries
    /// turn a failed save into a result the use case goes on from (ASP.NET Core Identity's stores and managers).
    /// </summary>
    protected virtual bool TakesBackFailedSaves => false;

    // Contexts are pooled (ModuleServices.AddDbContext): a lease starts in one scope, and its return (dispose) forgets
    // it, so neither the scope nor events published and never saved outlive the lease.
    internal void BeginScope(IServiceProvider scopeServices)
    {
        _scopeServices = scopeServices;
        Database.AutoSavepointsEnabled = TakesBackFailedSaves;
        _company = scopeServices.GetService<ICurrentCompany>();
        _unitOfWork = scopeServices.GetRequiredService<UnitOfWork>();
        _unitOfWork.Track(this);
    }

    // A lease on the read replica (ModuleServices.AddDbContext's keyed registration): the company filter and policies
    // apply as always; it stays out of the unit of work, whose connection is the primary's, and never saves.
    internal void BeginReadScope(IServiceProvider scopeServices)
    {
        _scopeServices = scopeServices;
        _company = scopeServices.GetService<ICurrentCompany>();
        _readsOnly = true;
    }

    void IJoinableContext.Join(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (Database.CurrentTransaction is not null)
            throw new InvalidOperationException($"{GetType().Name} is in a transaction of its own: begin the unit of work before the use case does.");
        Database.SetDbConnection(connection, contextOwnsConnection: false);
        Database.UseTransaction(transaction);
        _joined = true;
    }

    // Back to a connection of its own from the data source, created at the next query; forgets the shared transaction
    // (without ending it: its owner does).
    void IJoinableContext.Leave()
    {
        if (!_joined) return;
        _joined = false;
        Database.SetDbConnection(null, contextOwnsConnection: true);
    }

    // Read by the company query filter each time a query runs (EF Core parameterizes members of the context), so the
    // company a request settles on after the context was leased still applies. No companies module: nothing to filter.
    internal bool SeesAllCompanies => _company is null || _company.IsUnrestricted;

    internal Guid[] VisibleCompanies => _company?.Allowed as Guid[] ?? _company?.Allowed.ToArray() ?? NoCompanies;

    // Per context type (the model is built once per type).
    private static string[]? _companyOwnedTables;

    string[] ICompanyScopedContext.CompanyOwnedTables =>
        _companyOwnedTables ??= [.. CompanyRowSecurity.CompanyOwnedTables(Model).Select(t => t.Table).Distinct()];

    bool ICompanyScopedContext.SeesAllCompanies => SeesAllCompanies;

    Guid[] ICompanyScopedContext.VisibleCompanies => VisibleCompanies;

    Guid? ICompanyScopedContext.CurrentCompanyId => _company?.Id;

    IDbContextTransaction? ICompanyScopedContext.SaveTransaction { get; set; }

    (IDbContextTransaction Transaction, string Naming)? ICompanyScopedContext.Named { get; set; }

    public override void Dispose()
    {
        EndScope();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        EndScope();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    private void EndScope()
    {
        ((IJoinableContext)this).Leave();
        _unitOfWork?.Forget(this);
        _unitOfWork = null;
        _scopeServices = null;
        _company = null;
        _readsOnly = false;
        ((ICompanyScopedContext)this).SaveTransaction = null;
        ((ICompanyScopedContext)this).Named = null;
        _integrationEvents.Clear();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(TSelf.Schema);
        MapOutbox(modelBuilder, ownsTables: TSelf.Schema == OutboxTables.Schema);
        MapEntityChanges(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, t => t.Namespace?.StartsWith(GetType().Namespace!, StringComparison.Ordinal) == true);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null))
        {
            if (typeof(AggregateRoot).IsAssignableFrom(entity.ClrType))
                modelBuilder.Entity(entity.ClrType).Property(nameof(AggregateRoot.Version)).IsRowVersion();

            if (typeof(IAuditedEntity).IsAssignableFrom(entity.ClrType))
            {
                var audited = modelBuilder.Entity(entity.ClrType);
                audited.Property(nameof(IAuditedEntity.CreatedAt)).IsRequired();
                audited.Property(nameof(IAuditedEntity.CreatedByClient)).HasMaxLength(ClientIdMaxLength);
                audited.Property(nameof(IAuditedEntity.ModifiedByClient)).HasMaxLength(ClientIdMaxLength);
            }

            if (typeof(ICompanyOwned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(CompanyFilter, OfVisibleCompany(entity.ClrType));
                modelBuilder.Entity(entity.ClrType).HasIndex(nameof(ICompanyOwned.CompanyId));
            }

            if (typeof(ISoftDelete).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(SoftDeleteFilter, NotDeleted(entity.ClrType));
                modelBuilder.Entity(entity.ClrType).Property(nameof(ISoftDelete.DeletedByClient)).HasMaxLength(ClientIdMaxLength);
            }
        }
    }

    // Every context maps the outbox so its saves can write events; only the messaging module migrates the tables.
    private static void MapOutbox(ModelBuilder modelBuilder, bool ownsTables)
    {
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable(OutboxTables.Messages, OutboxTables.Schema, t => t.ExcludeFromMigrations(!ownsTables));
            message.HasKey(m => m.Id);
            message.Property(m => m.EventName).HasMaxLength(400);
            message.Property(m => m.Payload).HasColumnType("jsonb");
            message.Property(m => m.Language).HasMaxLength(35); // the longest language tags
            message.IsNotAudited();
        });
        modelBuilder.Entity<OutboxDelivery>(delivery =>
        {
            delivery.ToTable(OutboxTables.Deliveries, OutboxTables.Schema, t => t.ExcludeFromMigrations(!ownsTables));
            delivery.HasKey(d => new { d.MessageId, d.Handler });
            delivery.Property(d => d.Handler).HasMaxLength(400);
            delivery.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasIndex(d => d.DueAt).HasFilter("status = 0").HasDatabaseName("ix_outbox_deliveries_pending");
            // Few, and counted on every metrics scrape (erp_messaging_outbox_dead) and listed for administrators.
            delivery.HasIndex(d => d.MessageId, "ix_outbox_deliveries_dead").HasFilter("status = 2");
            delivery.IsNotAudited();
        });
    }

    // Every context maps the audit table so its saves can record their changes; the audit logging module creates it
    // (partitioned by month, which EF Core migrations cannot express) with SQL of its own.
    private static void MapEntityChanges(ModelBuilder modelBuilder) => modelBuilder.Entity<EntityChangeRecord>(change =>
    {
        change.ToTable("entity_changes", "audit", t => t.ExcludeFromMigrations());
        change.HasKey(c => c.Id);
        change.Property(c => c.EntityType).HasMaxLength(400);
        change.Property(c => c.EntityId).HasMaxLength(400);
        change.Property(c => c.ChangeType).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.Properties).HasColumnType("jsonb");
        change.Property(c => c.ActorName).HasMaxLength(256);
        change.Property(c => c.ClientId).HasMaxLength(ClientIdMaxLength);
        change.Property(c => c.TraceId).HasMaxLength(32);
        change.IsNotAudited();
    });

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Erp module contexts save asynchronously: call SaveChangesAsync.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => _readsOnly
        ? throw new NotSupportedException($"This {GetType().Name} reads the read replica: save through the module's own context.")
        : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <summary><c>e => context.SeesAllCompanies || context.VisibleCompanies.Contains(e.CompanyId)</c>, on this context.</summary>
    private LambdaExpression OfVisibleCompany(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var context = Expression.Constant(this);
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
            Expression.Property(context, nameof(VisibleCompanies)), Expression.Property(entity, nameof(ICompanyOwned.CompanyId)));
        return Expression.Lambda(Expression.OrElse(Expression.Property(context, nameof(SeesAllCompanies)), contains), entity);
    }

    private static LambdaExpression NotDeleted(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var isDeleted = Expression.Property(entity, nameof(ISoftDelete.IsDeleted));
        return Expression.Lambda(Expression.Not(isDeleted), entity);
    }
}

/// <summary>What the save interceptor reads from a module context: the scope it serves and the events published on it.</summary>
internal interface IScopedModuleContext
{
    IServiceProvider ScopeServices { get; }
    IReadOnlyList<IIntegrationEvent> TakeIntegrationEvents();
}
