using Erp.BlobStoring.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.BlobStoring.Data;

public sealed class BlobStoringDbContext(DbContextOptions<BlobStoringDbContext> options)
    : ModuleDbContext<BlobStoringDbContext>(options), IModuleDbContext
{
    public static string Schema => "blobs";

    public DbSet<Blob> Blobs => Set<Blob>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class BlobStoringDbContextFactory : ModuleDbContextFactory<BlobStoringDbContext>;
