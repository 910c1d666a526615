namespace Erp.Testing;

/// <summary>
/// The figures a drill measured (backup and restore time and size, requests served during a kill), appended to the file
/// <c>ERP_DRILL_REPORT</c> names, which test/run-all.sh prints before its totals.
/// </summary>
public static class DrillReport
{
    private static readonly Lock Writing = new();

    public static void Write(string line)
    {
        if (Environment.GetEnvironmentVariable("ERP_DRILL_REPORT") is not { Length: > 0 } file) return;
        lock (Writing) File.AppendAllText(file, line + Environment.NewLine);
    }
}
