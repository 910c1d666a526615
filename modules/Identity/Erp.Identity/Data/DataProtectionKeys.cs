using System.Xml.Linq;
using Erp.Kernel.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace Erp.Identity.Data;

/// <summary>One key of the data-protection key ring that every host instance shares (cookies, anti-forgery, 2FA state).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.ToTable("data_protection_keys");
        key.Property(k => k.Xml).IsAuditMasked(); // the key material, encrypted only when a certificate is configured
    }
}

/// <summary>
/// Keeps the key ring in PostgreSQL, so every instance behind the load balancer reads the cookies the others
/// wrote. Data protection calls repositories synchronously, which Erp's DbContexts refuse, hence plain Npgsql.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string Table = "identity.data_protection_keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand($"SELECT xml FROM {Table} ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand($"INSERT INTO {Table} (friendly_name, xml) VALUES ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
