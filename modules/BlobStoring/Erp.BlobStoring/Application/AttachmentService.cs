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
    BlobStoringDbContext db, BlobStore store, IEnumerable<AttachableEntityDefinition> entities, IPermissionChecker permissions,
    IHttpContextAccessor http, IServiceProvider services)
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

    /// <summary>The container an entity type's files go to, for the upload's size limit before the body is read.</summary>
    public AttachableEntityDefinition? Find(string entityType) => entities.FirstOrDefault(e => e.EntityType == entityType);

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
        var entity = Find(entityType) ?? throw new NotFoundException(BlobStoringErrors.EntityTypeNotFound, entityType);
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
