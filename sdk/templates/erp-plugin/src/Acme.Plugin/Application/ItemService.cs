using Acme.Plugin.Data;
using Acme.Plugin.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Acme.Plugin.Application;

/// <summary>
/// The item use cases, one transaction each (one SaveChanges). Nothing here names a company: the kernel keeps every
/// query to the caller's companies and puts new items in the request's company.
/// </summary>
public sealed class ItemService(PluginDbContext db, ISettingProvider settings)
{
    public async Task<IReadOnlyList<ItemDto>> ListAsync(CancellationToken cancellationToken) =>
        await db.Items.AsNoTracking().OrderBy(i => i.Code).Select(i => new ItemDto(i.Id, i.Code, i.Name, i.Active)).ToListAsync(cancellationToken);

    public async Task<ItemDto> GetAsync(Guid id, CancellationToken cancellationToken) => ToDto(await FindAsync(id, cancellationToken));

    public async Task<ItemDto> CreateAsync(SaveItemRequest request, CancellationToken cancellationToken)
    {
        var limit = await settings.GetWholeNumberAsync(PluginSettings.MaxItems, cancellationToken) ?? long.MaxValue;
        ItemRules.CompanyMayHaveNoMoreThan(limit, await db.Items.CountAsync(cancellationToken)).ThrowIfBroken();
        ItemRules.CodeMustBeUnique(request.Code, await db.Items.AnyAsync(i => i.Code == request.Code, cancellationToken)).ThrowIfBroken();

        var item = new Item(request.Code, request.Name, request.Active);
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(item);
    }

    public async Task<ItemDto> UpdateAsync(Guid id, SaveItemRequest request, CancellationToken cancellationToken)
    {
        var item = await FindAsync(id, cancellationToken);
        ItemRules.CodeMustBeUnique(request.Code, await db.Items.AnyAsync(i => i.Code == request.Code && i.Id != id, cancellationToken)).ThrowIfBroken();
        item.Change(request.Code, request.Name, request.Active);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(item);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        db.Items.Remove(await FindAsync(id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Item> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Items.FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException(PluginErrors.ItemNotFound, id);

    private static ItemDto ToDto(Item item) => new(item.Id, item.Code, item.Name, item.Active);
}
