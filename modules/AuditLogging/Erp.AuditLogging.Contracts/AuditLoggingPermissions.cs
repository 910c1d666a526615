using Erp.Kernel;

namespace Erp.AuditLogging;

public static class AuditLoggingPermissions
{
    public const string Default = "AuditLogging";
    public const string Export = "AuditLogging.Export";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Default, "See the audit log"),
        new(Export, "Export the audit log", Default),
    ];
}

public static class AuditLoggingSettings
{
    public const string Group = "Audit log";
    public const string RetentionDays = "AuditLogging.RetentionDays";
    public const string RecordSuccessfulReads = "AuditLogging.RecordSuccessfulReads";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(RetentionDays, "Keep records for (days)", SettingType.WholeNumber)
        {
            DefaultValue = "365", Minimum = 31, Maximum = 3650, Group = Group,
            Description = "Records are dropped a whole month at a time, once the month is older than this.",
        },
        new(RecordSuccessfulReads, "Record successful reads", SettingType.YesNo)
        {
            DefaultValue = "false", Group = Group,
            Description = "Record every request. By default only changes, failures and reads of endpoints marked sensitive are recorded.",
        },
    ];
}

public static class AuditLoggingErrors
{
    public const string InvalidCursor = "audit.search.invalid-cursor";
    public const string InvalidRange = "audit.search.invalid-range";
}
