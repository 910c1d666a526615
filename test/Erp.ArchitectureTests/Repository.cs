namespace Erp.ArchitectureTests;

/// <summary>The repository's root, found from the test binaries upwards: for the tests that read its files.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Erp.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("Erp.sln not found above the test's folder.");
    }
}
