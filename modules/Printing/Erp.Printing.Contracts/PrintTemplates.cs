using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Erp.Printing;

/// <summary>
/// A printable document a module or plugin declares in code (registered as a singleton): a Liquid template (Fluid) of the
/// document's HTML body, rendered into the shared layout (<see cref="PrintTemplateNames.Layout"/>, the company's letterhead
/// and the page's style) and printed to PDF. The model's properties are named in snake case (<c>{{ customer.name }}</c>,
/// <c>{% for line in lines %}</c>) and it names its title with the <c>title</c> tag (<c>{% title "sales.document.quotation" | t: number %}</c>,
/// the PDF's title and the layout's heading); texts come from the translation catalog through the <c>t</c> filter and amounts are
/// written with the <c>money</c> filter in the reader's language. Administrators may override a template per language.
/// </summary>
/// <param name="Name">Stable, <c>Module.Document</c>: <c>Sales.Quotation</c>.</param>
/// <param name="DisplayName">What administrators see in the list of templates.</param>
/// <param name="SampleModel">What the preview prints, and so the names the template may use.</param>
public sealed record PrintTemplateDefinition(string Name, string DisplayName, string Html, object SampleModel)
{
    /// <summary>A template shipped as an embedded resource of <paramref name="assembly"/> (<c>Documents/quotation.liquid</c>).</summary>
    public static PrintTemplateDefinition FromResource(Assembly assembly, string resource, string name, string displayName, object sampleModel)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded resource '{resource}'.");
        using var reader = new StreamReader(stream);
        return new PrintTemplateDefinition(name, displayName, reader.ReadToEnd(), sampleModel);
    }
}

public static class PrintTemplateNames
{
    /// <summary>
    /// The page every document is rendered into: <c>{{ content }}</c> is the document's body, <c>{{ title }}</c> its title,
    /// <c>{{ company }}</c> the issuing company (name, legal name, tax id, address lines).
    /// </summary>
    public const string Layout = "Printing.Layout";

    /// <summary>The mail a printed document is sent with (an emailing template).</summary>
    public const string Mail = "Printing.Document";
}

/// <summary>Prints a declared document to PDF, and mails it; callers check their own permissions on the document first.</summary>
/// <remarks>Without Chromium to print with, both answer 503 (<see cref="PrintingErrors.Unavailable"/>).</remarks>
public interface IDocumentPrinter
{
    Task<PrintedDocument> PrintAsync(PrintRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Prints the document, keeps the PDF as an attachment of the entity it was printed from (what was sent, as it was
    /// sent) and requests the mail with it attached, in one transaction: the mail goes once that commits.
    /// </summary>
    Task<DocumentMailedDto> MailAsync(PrintRequest request, DocumentMail mail, CancellationToken cancellationToken);
}

/// <param name="Template">A declared template's name (<see cref="PrintTemplateDefinition.Name"/>).</param>
/// <param name="CompanyId">The issuing company, whose letterhead the layout shows.</param>
/// <param name="FileName">The PDF's name when downloaded or attached: <c>SO-2026-00001.pdf</c>.</param>
/// <param name="Model">The template's values: a record or anonymous object, named in snake case in the template.</param>
/// <param name="Language">The reader's language (<c>de</c>); null for the request's.</param>
public sealed record PrintRequest(string Template, Guid CompanyId, string FileName, object Model, string? Language = null);

/// <param name="Title">The title the template gave the document (<c>{% title ... %}</c>), in the reader's language.</param>
public sealed record PrintedDocument(string FileName, string Title, byte[] Content)
{
    public const string ContentType = "application/pdf";
}

/// <summary>Where a printed document goes: a mailbox, and the entity (an attachable type) it is kept with.</summary>
public sealed record DocumentMail(string To, string EntityType, string EntityId);

/// <summary>Mails a document as a PDF attachment: to the address given, else the partner's.</summary>
/// <param name="Language">The reader's language (<c>de</c>); left out: the caller's.</param>
public sealed record MailDocumentRequest(
    [property: EmailAddress, StringLength(256)] string? To = null, [property: StringLength(10)] string? Language = null);

/// <param name="MessageId">The mail's id, as the emailing module lists it.</param>
/// <param name="AttachmentId">The PDF kept as an attachment of the document.</param>
public sealed record DocumentMailedDto(Guid MessageId, string To, Guid AttachmentId, string FileName);

/// <summary>A template as the API shows it: the module's HTML and sample values, and the administrators' overrides per language.</summary>
public sealed record PrintTemplateDto(string Name, string DisplayName, string Html, JsonElement SampleModel, IReadOnlyList<PrintTemplateOverrideDto> Overrides);

/// <param name="Language">The language it applies to (<c>de</c>), or null for every language without its own.</param>
public sealed record PrintTemplateOverrideDto(string? Language, string Html, uint Version);

/// <param name="Version">The override's version when replacing one (optimistic concurrency); 0 for a new one.</param>
public sealed record SavePrintTemplateOverrideRequest([property: Required, StringLength(200_000)] string Html, uint Version = 0);

/// <summary>Prints a template (the module's, or the HTML given, before it is saved) with its sample values, in a language.</summary>
public sealed record PreviewPrintTemplateRequest(string? Language, [property: StringLength(200_000)] string? Html);

public static class PrintingPermissions
{
    public const string Default = "Printing";
    public const string Templates = "Printing.Templates";

    public static IReadOnlyList<Erp.Kernel.PermissionDefinition> All { get; } =
    [
        new(Default, "See document templates and print their previews"),
        new(Templates, "Change document templates", Default),
    ];
}

public static class PrintingErrors
{
    public const string TemplateNotFound = "printing.template.not-found";
    public const string TemplateInvalid = "printing.template.invalid";
    public const string LanguageNotSupported = "printing.template.language-not-supported";
    public const string OverrideNotFound = "printing.template.override-not-found";
    public const string Unavailable = "printing.unavailable";
    public const string NoRecipient = "printing.mail.no-recipient";
}
