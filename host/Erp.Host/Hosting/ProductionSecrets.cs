using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Npgsql;

namespace Erp.Host.Hosting;

/// <summary>
/// Outside Development the host refuses to start while a required secret is missing or still holds a
/// development value, and names the setting. Modules add their own with <see cref="ModuleServices.RequireSecret"/>.
/// </summary>
internal static class ProductionSecrets
{
    private static readonly string[] DevelopmentPasswords = ["postgres", "password", "erp", "changeme", "dev", "development", "secret"];

    private static RequiredSecret ConnectionString { get; } =
        new($"ConnectionStrings:{ErpDbContextOptions.ConnectionStringName}", IsDevelopmentConnectionString);

    public static void RefuseDevelopmentSecrets(this WebApplicationBuilder builder, ModuleCatalog catalog)
    {
        if (builder.Environment.IsDevelopment()) return;

        var problems = catalog.Modules.SelectMany(m => m.Secrets).Prepend(ConnectionString)
            .Select(secret => builder.Configuration[secret.Key] switch
            {
                null or "" => $"{secret.Key} is not set",
                var value when secret.IsDevelopmentValue(value) => $"{secret.Key} holds a development value",
                _ => null,
            })
            .OfType<string>()
            .ToArray();
        if (problems.Length > 0)
            throw new InvalidOperationException(
                $"Start-up refused in environment '{builder.Environment.EnvironmentName}': {string.Join("; ", problems)}. " +
                "Set real values through environment variables or a secret store.");
    }

    // A database password that is missing or one of the usual defaults is a development set-up.
    private static bool IsDevelopmentConnectionString(string value)
    {
        try
        {
            var password = new NpgsqlConnectionStringBuilder(value).Password;
            return string.IsNullOrEmpty(password) || DevelopmentPasswords.Contains(password, StringComparer.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false; // not parseable: Npgsql reports it clearly on first use
        }
    }
}
