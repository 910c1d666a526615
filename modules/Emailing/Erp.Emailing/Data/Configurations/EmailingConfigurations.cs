using Erp.Emailing.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Emailing.Data.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<QueuedEmail>
{
    public void Configure(EntityTypeBuilder<QueuedEmail> message)
    {
        message.ToTable("messages");
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.To).HasMaxLength(320);
        message.Property(m => m.Template).HasMaxLength(200);
        message.Property(m => m.Language).HasMaxLength(10);
        message.Property(m => m.Subject).HasMaxLength(1000);
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        message.Property(m => m.LastError).HasMaxLength(2000);
        message.Ignore(m => m.IsDone);
        message.HasIndex(m => new { m.Status, m.RequestedAt });
        // A status change per attempt: the log would hold every retry; the message itself is the record.
        message.IsNotAudited();
    }
}

internal sealed class EmailTemplateOverrideConfiguration : IEntityTypeConfiguration<EmailTemplateOverride>
{
    public void Configure(EntityTypeBuilder<EmailTemplateOverride> template)
    {
        template.ToTable("template_overrides");
        template.Property(t => t.Name).HasMaxLength(200);
        template.Property(t => t.Language).HasMaxLength(10);
        template.Property(t => t.Subject).HasMaxLength(500);
        template.Property(t => t.Text).HasMaxLength(100_000);
        template.Property(t => t.Html).HasMaxLength(200_000);
        template.Ignore(t => t.Parts);
        template.HasIndex(t => new { t.Name, t.Language }).IsUnique().AreNullsDistinct(false);
    }
}
