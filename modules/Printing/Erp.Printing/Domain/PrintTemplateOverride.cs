using Erp.Kernel.Domain;
using Erp.Kernel.Localization;

namespace Erp.Printing.Domain;

/// <summary>An administrator's version of a document template's HTML, for one language or for all without their own.</summary>
public sealed class PrintTemplateOverride : AuditedAggregateRoot, ILanguageOverride
{
    private PrintTemplateOverride() { }

    public string Name { get; private set; } = null!;

    public string? Language { get; private set; }

    public string Html { get; private set; } = null!;

    /// <param name="html">Already parsed by the renderer: a template that does not parse is never stored.</param>
    public static PrintTemplateOverride For(string name, string? language, string html) => new() { Name = name, Language = language, Html = html };

    public void Change(string html) => Html = html;
}
