using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.LowCode.Application;

/// <summary>The caller's own saved lists of an entity: only they see, change or delete them.</summary>
internal sealed class SavedViewService(LowCodeDbContext db, DataService records, ICurrentUser caller)
{
    public async Task<IReadOnlyList<SavedViewDto>> ListAsync(string entity, CancellationToken cancellationToken)
    {
        await records.CheckReadableAsync(entity, cancellationToken);
        return await MineAsync(entity, cancellationToken);
    }

    /// <summary>The caller's views of <paramref name="entity"/>, by name (none for an integration client).</summary>
    public async Task<IReadOnlyList<SavedViewDto>> MineAsync(string entity, CancellationToken cancellationToken) => caller.UserId is not { } user ? []
        : [.. (await db.SavedViews.AsNoTracking().Where(v => v.UserId == user && v.Entity == entity).OrderBy(v => v.Name).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<SavedViewDto> CreateAsync(string entity, SaveViewRequest request, CancellationToken cancellationToken)
    {
        var user = caller.UserId ?? throw new ForbiddenException(ProblemTypes.Forbidden);
        await CheckAsync(entity, request, cancellationToken);
        var view = db.SavedViews.Add(SavedView.New(user, entity)).Entity;
        return await SaveAsync(view, request, cancellationToken);
    }

    public async Task<SavedViewDto> UpdateAsync(string entity, Guid id, SaveViewRequest request, CancellationToken cancellationToken)
    {
        var view = await FindAsync(entity, id, cancellationToken);
        await CheckAsync(entity, request, cancellationToken);
        return await SaveAsync(view, request, cancellationToken);
    }

    public async Task DeleteAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        db.SavedViews.Remove(await FindAsync(entity, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    // The view's list runs as a list would (fields, sort, filter, search, the caller's permissions), reading no row; its
    // name is the caller's only once per entity.
    private async Task CheckAsync(string entity, SaveViewRequest request, CancellationToken cancellationToken)
    {
        await records.ListAsync(entity, new RecordQuery(new Dictionary<string, string>(), request.Sort, Take: 0, Fields: request.Columns, Filter: request.Filter,
            Search: request.Search), cancellationToken);
    }

    private async Task<SavedViewDto> SaveAsync(SavedView view, SaveViewRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        if (await db.SavedViews.AnyAsync(v => v.UserId == view.UserId && v.Entity == view.Entity && v.Name == name && v.Id != view.Id, cancellationToken))
            throw new BusinessRuleException(LowCodeErrors.ViewNameTaken, name);
        view.Change(request);
        if (view.IsDefault)
        {
            foreach (var other in await db.SavedViews.Where(v => v.UserId == view.UserId && v.Entity == view.Entity && v.IsDefault && v.Id != view.Id).ToListAsync(cancellationToken))
                other.NotDefault();
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(view);
    }

    private async Task<SavedView> FindAsync(string entity, Guid id, CancellationToken cancellationToken) =>
        await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id && v.Entity == entity && v.UserId == caller.UserId, cancellationToken)
        ?? throw new NotFoundException(LowCodeErrors.ViewNotFound);

    private static SavedViewDto ToDto(SavedView v) => new(v.Id, v.Name, v.Filter, v.Sort, v.Columns, v.Search, v.IsDefault);
}
