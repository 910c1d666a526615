using Erp.Backups.Domain;

namespace Erp.Backups.Application;

/// <summary><c>Backups:*</c>. Backups are on when <see cref="Path"/> or <c>Backups:S3:Bucket</c> is set.</summary>
public sealed class BackupsOptions
{
    public const string Section = "Backups";

    /// <summary>
    /// The folder backups are written to, one folder each (a mounted volume or network share in production, never the
    /// host's own disk alone); with <see cref="S3"/>, where they are written before the upload. Neither set: no backups
    /// are made and the jobs are not scheduled.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>An S3 bucket to keep backups in instead of the folder.</summary>
    public BackupS3Options S3 { get; set; } = new();

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

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || S3.IsConfigured;

    public Retention Retention => new(KeepDaily, KeepWeekly, KeepMonthly);
}

/// <summary><c>Backups:S3:*</c>: any S3-compatible service; keys from the environment's default chain when not set.</summary>
public sealed class BackupS3Options
{
    public string? Bucket { get; set; }

    /// <summary>Where in the bucket: <c>&lt;prefix&gt;/&lt;id&gt;/...</c>.</summary>
    public string Prefix { get; set; } = "erp-backups";

    /// <summary>The endpoint of an S3-compatible service; empty for AWS itself (then <see cref="Region"/> picks the endpoint).</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public bool ForcePathStyle { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Bucket);
}
