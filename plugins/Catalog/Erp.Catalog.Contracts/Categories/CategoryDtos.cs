using System.ComponentModel.DataAnnotations;

namespace Erp.Catalog;

/// <param name="ParentId">Null for a top-level category.</param>
public sealed record CategoryDto(Guid Id, Guid CompanyId, string Name, Guid? ParentId, uint Version);

public sealed record SaveCategoryRequest([Required, StringLength(100)] string Name, Guid? ParentId, uint Version = 0);
