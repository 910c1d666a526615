using Erp.Catalog.Data;
using Erp.Catalog.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Catalog.Application;

/// <summary>
/// Each company's category tree: a parent of the same company, names unique among siblings, no cycles, only empty
/// categories deleted.
/// </summary>
public sealed class CategoryService(CatalogDbContext db, ICurrentCompany company)
{
    public async Task<IReadOnlyList<CategoryDto>> ListAsync(CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new CategoryDto(c.Id, c.CompanyId, c.Name, c.ParentId, c.Version)).ToListAsync(cancellationToken);

    public async Task<CategoryDto> CreateAsync(SaveCategoryRequest request, CancellationToken cancellationToken)
    {
        await CheckParentAndNameAsync(company.Id, null, request, cancellationToken);
        var category = new Category(request.Name, request.ParentId);
        db.Categories.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(category);
    }

    public async Task<CategoryDto> UpdateAsync(Guid id, SaveCategoryRequest request, CancellationToken cancellationToken)
    {
        var category = await FindAsync(id, cancellationToken);
        db.Entry(category).Property(c => c.Version).OriginalValue = request.Version;
        await CheckParentAndNameAsync(category.CompanyId, id, request, cancellationToken);
        category.Change(request.Name, request.ParentId, await AncestorsAsync(request.ParentId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(category);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var category = await FindAsync(id, cancellationToken);
        var used = await db.Categories.AnyAsync(c => c.ParentId == id, cancellationToken) || await db.Products.AnyAsync(p => p.CategoryId == id, cancellationToken);
        CategoryRules.MustBeEmptyToDelete(category.Name, used).ThrowIfBroken();
        db.Categories.Remove(category);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CheckParentAndNameAsync(Guid? companyId, Guid? id, SaveCategoryRequest request, CancellationToken cancellationToken)
    {
        if (request.ParentId is { } parent && !await db.Categories.AnyAsync(c => c.Id == parent && c.CompanyId == companyId, cancellationToken))
            throw new NotFoundException(CatalogErrors.CategoryNotFound, parent);
        var name = request.Name.Trim();
        var taken = await db.Categories.AnyAsync(c => c.CompanyId == companyId && c.ParentId == request.ParentId && c.Name == name && c.Id != id, cancellationToken);
        CategoryRules.NameMustBeUniqueAmongSiblings(name, taken).ThrowIfBroken();
    }

    // The parent and its ancestors: the tree is small (hundreds of nodes), read whole once.
    private async Task<IReadOnlyCollection<Guid>> AncestorsAsync(Guid? parentId, CancellationToken cancellationToken)
    {
        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        var ancestors = new HashSet<Guid>();
        for (var current = parentId; current is { } id && ancestors.Add(id);) current = parents.GetValueOrDefault(id);
        return ancestors;
    }

    private async Task<Category> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException(CatalogErrors.CategoryNotFound, id);

    private static CategoryDto ToDto(Category c) => new(c.Id, c.CompanyId, c.Name, c.ParentId, c.Version);
}
