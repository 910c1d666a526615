using Erp.Settings.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Settings.Data.Configurations;

internal sealed class SettingValueConfiguration : IEntityTypeConfiguration<SettingValue>
{
    public void Configure(EntityTypeBuilder<SettingValue> value)
    {
        value.ToTable("values");
        value.Property(v => v.Name).HasMaxLength(SettingLimits.MaxName);
        value.Property(v => v.Value); // text: a secret's ciphertext is longer than the longest plain value
        // One value per setting and level; the global level is the null user and null company, counted once (NULLS NOT
        // DISTINCT). The cache loads a level's values by user and company, which lead.
        value.HasIndex(v => new { v.UserId, v.CompanyId, v.Name }).IsUnique().AreNullsDistinct(false);
    }
}
