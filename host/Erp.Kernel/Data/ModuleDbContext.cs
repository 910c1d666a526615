using System.Linq.Expressions;
using Erp.Kernel.Domain;
using Microsoft.EntityFrameworkCore;

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
public abstract class ModuleDbContext<TSelf>(DbContextOptions<TSelf> options) : DbContext(options)
    where TSelf : ModuleDbContext<TSelf>, IModuleDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(TSelf.Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, t => t.Namespace?.StartsWith(GetType().Namespace!, StringComparison.Ordinal) == true);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null))
        {
            if (typeof(AggregateRoot).IsAssignableFrom(entity.ClrType))
                modelBuilder.Entity(entity.ClrType).Property(nameof(AggregateRoot.Version)).IsRowVersion();

            if (typeof(IAuditedEntity).IsAssignableFrom(entity.ClrType))
                modelBuilder.Entity(entity.ClrType).Property(nameof(IAuditedEntity.CreatedAt)).IsRequired();

            if (typeof(ISoftDelete).IsAssignableFrom(entity.ClrType))
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(NotDeleted(entity.ClrType));
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Erp module contexts save asynchronously: call SaveChangesAsync.");

    private static LambdaExpression NotDeleted(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var isDeleted = Expression.Property(entity, nameof(ISoftDelete.IsDeleted));
        return Expression.Lambda(Expression.Not(isDeleted), entity);
    }
}
