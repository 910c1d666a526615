namespace Acme.Plugin;

/// <summary>Stable error codes: problem details carry them, clients branch on them, Localization/*.json words them.</summary>
public static class PluginErrors
{
    public const string ItemNotFound = "acme-plugin.item.not-found";
    public const string ItemCodeTaken = "acme-plugin.item.code-taken";
    public const string ItemLimitReached = "acme-plugin.item.limit-reached";
}
