using Erp.BlobStoring.Data;
using Erp.BlobStoring.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Erp.BlobStoring.Application;

/// <summary>
/// Files attached to the entities modules declared (<see cref="AttachableEntityDefinition"/>): the caller needs the
/// entity's read or manage permission, and the entity must exist for them (within their company), before a file is
/// listed, read, attached or removed.
/// </summary>
internal sealed class AttachmentService(
    BlobStoringDbContext db, BlobStore store, IEnumerable<AttachableEntityDefinition> entities, IEnumerable<IRuntimeAttachableEntities> runtime,
    IPermissionChecker permissions, IHttpContextAccessor http, IServiceProvider services) : IAttachmentLookup, IAttachmentWriter
{
    public async Task<IReadOnlyList<AttachmentDto>> ListAsync(string entityType, string entityId, CancellationToken cancellationToken)
    {
        var entity = await EntityAsync(entityType, entityId, manage: false, cancellationToken);
        var blobs = await db.Blobs.AsNoTracking().Where(b => b.OwnerType == entity.EntityType && b.OwnerId == entityId)
            .OrderByDescending(b => b.CreatedAt).ToListAsync(cancellationToken);
        return [.. blobs.Select(ToDto)];
    }

    public async Task<AttachmentDto> AttachAsync(string entityType, string entityId, BlobUpload upload, CancellationToken cancellationToken)
    {
        var entity = await EntityAsync(entityType, entityId, manage: true, cancellationToken);
        return ToDto(await store.UploadAsync(entity.Container, entity.EntityType, entityId, upload, cancellationToken));
    }

    public async Task<AttachmentDto> StoreAsync(string entityType, string entityId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(entityType, cancellationToken) ?? throw new NotFoundException(BlobStoringErrors.EntityTypeNotFound, entityType);
        return ToDto(await store.UploadAsync(entity.Container, entity.EntityType, entityId, new BlobUpload(fileName, null, content), cancellationToken));
    }

    /// <summary>An entity type modules declared, in code or at run time; its container gives the upload's size limit before the body is read.</summary>
    public async ValueTask<AttachableEntityDefinition?> FindAsync(string entityType, CancellationToken cancellationToken)
    {
        if (entities.FirstOrDefault(e => e.EntityType == entityType) is { } declared) return declared;
        foreach (var source in runtime)
        {
            if (await source.FindAsync(entityType, cancellationToken) is { } found) return found;
        }

        return null;
    }

    public async Task<IReadOnlySet<Guid>> AttachedAsync(string entityType, string entityId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.Blobs.AsNoTracking().Where(b => b.OwnerType == entityType && b.OwnerId == entityId && ids.Contains(b.Id)).Select(b => b.Id).ToListAsync(cancellationToken))
        .ToHashSet();

    public async Task<Blob> FindAsync(string entityType, string entityId, Guid id, CancellationToken cancellationToken)
    {
        var entity = await EntityAsync(entityType, entityId, manage: false, cancellationToken);
        return await BlobAsync(entity, entityId, id, cancellationToken);
    }

    public async Task DeleteAsync(string entityType, string entityId, Guid id, CancellationToken cancellationToken)
    {
        var entity = await EntityAsync(entityType, entityId, manage: true, cancellationToken);
        await store.DeleteAsync(await BlobAsync(entity, entityId, id, cancellationToken), cancellationToken);
    }

    public async Task<BlobLinkDto> LinkAsync(string entityType, string entityId, Guid id, CancellationToken cancellationToken) =>
        store.Link(await FindAsync(entityType, entityId, id, cancellationToken)) ?? throw new BusinessRuleException(BlobStoringErrors.LinksUnsupported);

    public static AttachmentDto ToDto(Blob blob) => new(blob.Id, blob.FileName, blob.ContentType, blob.Size, blob.Sha256, blob.CreatedAt, blob.CreatedBy);

    private async Task<AttachableEntityDefinition> EntityAsync(string entityType, string entityId, bool manage, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(entityType, cancellationToken) ?? throw new NotFoundException(BlobStoringErrors.EntityTypeNotFound, entityType);
        var granted = await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken);
        if (!granted.Contains(manage ? entity.ManagePermission : entity.ReadPermission)) throw new ForbiddenException(ProblemTypes.Forbidden);
        if (entityId.Length > BlobLimits.MaxOwnerId || !await entity.ExistsAsync(services, entityId, cancellationToken))
            throw new NotFoundException(ProblemTypes.NotFound);
        return entity;
    }

    private async Task<Blob> BlobAsync(AttachableEntityDefinition entity, string entityId, Guid id, CancellationToken cancellationToken) =>
        await db.Blobs.FirstOrDefaultAsync(b => b.Id == id && b.OwnerType == entity.EntityType && b.OwnerId == entityId, cancellationToken)
        ?? throw new NotFoundException(BlobStoringErrors.AttachmentNotFound);
}
