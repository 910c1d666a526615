using Erp.Backups.Domain;

namespace Erp.Backups.Application;

/// <summary><c>Backups:*</c>. Backups are on when <see cref="Path"/> is set.</summary>
public sealed class BackupsOptions
{
    public const string Section = "Backups";

    /// <summary>
    /// The folder backups are written to, one folder each (a mounted volume or network share in production, never the
    /// host's own disk alone). Unset: no backups are made and the jobs are not scheduled.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>When backups are made (cron, UTC).</summary>
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>When the newest backup is restored into a scratch database and compared with its manifest (cron, UTC).</summary>
    public string CheckSchedule { get; set; } = "0 4 * * *";

    public int KeepDaily { get; set; } = 7;
    public int KeepWeekly { get; set; } = 4;
    public int KeepMonthly { get; set; } = 6;

    /// <summary>PostgreSQL's client programs, of the server's major version or newer (Debian: postgresql-client).</summary>
    public string PgDump { get; set; } = "pg_dump";

    public string PgRestore { get; set; } = "pg_restore";

    /// <summary>The database a check restores into, dropped and created again each time; default: the database's name + <c>_restore_check</c>.</summary>
    public string? ScratchDatabase { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path);

    public Retention Retention => new(KeepDaily, KeepWeekly, KeepMonthly);
}
