using Erp.Kernel.Domain;

namespace Erp.Catalog.Domain;

/// <summary>A node of a company's product category tree.</summary>
public sealed class Category : AuditedAggregateRoot, ICompanyOwned
{
    private Category() { } // for EF Core

    public Category(string name, Guid? parentId) => (Name, ParentId) = (name.Trim(), parentId);

    public Guid CompanyId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? ParentId { get; private set; }

    /// <param name="ancestorsOfParent">The new parent and its ancestors, nearest first: the category may not be among them.</param>
    public void Change(string name, Guid? parentId, IReadOnlyCollection<Guid> ancestorsOfParent)
    {
        Check(CategoryRules.MayNotBeItsOwnAncestor(Name, parentId == Id || ancestorsOfParent.Contains(Id)));
        (Name, ParentId) = (name.Trim(), parentId);
    }
}

public static class CategoryRules
{
    public static BusinessRule NameMustBeUniqueAmongSiblings(string name, bool taken) => new(CatalogErrors.CategoryNameTaken, taken, name);

    public static BusinessRule MayNotBeItsOwnAncestor(string name, bool wouldBe) => new(CatalogErrors.CategoryCycle, wouldBe, name);

    public static BusinessRule MustBeEmptyToDelete(string name, bool hasChildrenOrProducts) => new(CatalogErrors.CategoryNotEmpty, hasChildrenOrProducts, name);
}
