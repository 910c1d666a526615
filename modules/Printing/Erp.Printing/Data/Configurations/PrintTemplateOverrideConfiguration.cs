using Erp.Printing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Printing.Data.Configurations;

internal sealed class PrintTemplateOverrideConfiguration : IEntityTypeConfiguration<PrintTemplateOverride>
{
    public void Configure(EntityTypeBuilder<PrintTemplateOverride> template)
    {
        template.ToTable("template_overrides");
        template.Property(t => t.Name).HasMaxLength(200);
        template.Property(t => t.Language).HasMaxLength(10);
        template.Property(t => t.Html).HasMaxLength(200_000);
        template.HasIndex(t => new { t.Name, t.Language }).IsUnique().AreNullsDistinct(false);
    }
}
