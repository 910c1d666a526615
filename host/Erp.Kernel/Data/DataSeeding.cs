namespace Erp.Kernel.Data;

/// <summary>
/// Fills a module's tables with the data it needs (and, when asked, demo data). Runs after every module's
/// migrations, in module dependency order, and must be idempotent: it runs on every migration.
/// </summary>
public interface IDataSeeder
{
    Task SeedAsync(SeedContext context, CancellationToken cancellationToken);
}

/// <param name="IncludeDemoData">True when the operator asked for demo data (local set-up, demos).</param>
/// <param name="Report">Prints a line to the operator running the migration (the migrate command's console).</param>
public sealed record SeedContext(bool IncludeDemoData, Action<string> Report);
