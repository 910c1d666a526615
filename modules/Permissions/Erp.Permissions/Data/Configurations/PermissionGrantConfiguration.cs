using Erp.Permissions.Domain;
using Erp.Permissions.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Permissions.Data.Configurations;

internal sealed class PermissionGrantConfiguration : IEntityTypeConfiguration<PermissionGrant>
{
    public void Configure(EntityTypeBuilder<PermissionGrant> grant)
    {
        grant.ToTable("grants");
        grant.Property(g => g.Name).HasMaxLength(GrantLimits.MaxName);
        grant.Property(g => g.SubjectKind).HasConversion<string>().HasMaxLength(16);
        grant.Property(g => g.SubjectKey).HasMaxLength(GrantLimits.MaxKey);
        // The checker's one query reads by subject; the key also stops a permission being granted twice.
        grant.HasIndex(g => new { g.SubjectKind, g.SubjectKey, g.Name }).IsUnique();
    }
}
