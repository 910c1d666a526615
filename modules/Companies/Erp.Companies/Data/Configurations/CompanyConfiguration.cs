using Erp.Companies.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Companies.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.ToTable("companies");
        company.Property(c => c.Name).HasMaxLength(CompanyLimits.MaxName);
        company.Property(c => c.LegalName).HasMaxLength(CompanyLimits.MaxLegalName);
        company.Property(c => c.TaxId).HasMaxLength(50);
        company.Property(c => c.Street).HasMaxLength(200);
        company.Property(c => c.PostalCode).HasMaxLength(20);
        company.Property(c => c.City).HasMaxLength(100);
        company.Property(c => c.Country).HasMaxLength(2);
        company.Property(c => c.BaseCurrency).HasMaxLength(3);
        company.Property(c => c.TimeZone).HasMaxLength(100);
        company.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class CompanyMemberConfiguration : IEntityTypeConfiguration<CompanyMember>
{
    public void Configure(EntityTypeBuilder<CompanyMember> member)
    {
        member.ToTable("members");
        member.Property(m => m.ClientId).HasMaxLength(100);
        member.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
        // A caller's companies are read by user or by client; each membership once.
        member.HasIndex(m => new { m.UserId, m.CompanyId }).IsUnique().HasFilter("user_id IS NOT NULL");
        member.HasIndex(m => new { m.ClientId, m.CompanyId }).IsUnique().HasFilter("client_id IS NOT NULL");
        member.ToTable(t => t.HasCheckConstraint("ck_members_one_subject", "(user_id IS NULL) <> (client_id IS NULL)"));
    }
}

internal sealed class NumberSeriesCounterConfiguration : IEntityTypeConfiguration<NumberSeriesCounter>
{
    public void Configure(EntityTypeBuilder<NumberSeriesCounter> counter)
    {
        counter.ToTable("number_series"); // written by the kernel's DocumentNumbers, by this name
        counter.HasKey(c => new { c.CompanyId, c.Series, c.Year });
        counter.Property(c => c.Series).HasMaxLength(100);
        counter.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        counter.IsNotAudited(); // every document records its own number; a counter's every step would flood the log
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.ToTable("teams");
        team.Property(t => t.Name).HasMaxLength(TeamLimits.MaxName);
        team.Property(t => t.Description).HasMaxLength(TeamLimits.MaxDescription);
        team.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Cascade);
        team.HasIndex(t => new { t.CompanyId, t.Name }).IsUnique();
        // A user's teams are looked up by member (members @> ARRAY[user]) for every read a team's record rule restricts.
        team.HasIndex(t => t.Members).HasMethod("gin");
    }
}
