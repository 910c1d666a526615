namespace Erp.Kernel;

/// <summary>Settings that hold how a kind of document is numbered, for the kernel's gap-free document numbers.</summary>
public static class DocumentNumberSettings
{
    /// <summary>
    /// A setting holding the numbering pattern of a kind of document, per company (global default <paramref name="pattern"/>),
    /// which an administrator may change only to a pattern with the number in it.
    /// </summary>
    public static SettingDefinition Pattern(string name, string displayName, string pattern, string group) => new(name, displayName)
    {
        DefaultValue = pattern, Pattern = @"^.*\{#+\}.*$", Scopes = SettingScopes.Global | SettingScopes.Company, Group = group,
        Description = "{yyyy} the year, {yy} its last two digits, {MM} the month, a run of # in braces the number: numbers count per company and year without gaps.",
    };
}
