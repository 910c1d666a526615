namespace Erp.BlobStoring;

/// <summary>
/// A named place files are kept, declared in code by the module or plugin that owns it (registered as a singleton
/// <see cref="BlobContainerDefinition"/>). Configuration chooses where its bytes live (<c>BlobStoring:Containers:&lt;name&gt;</c>)
/// and may lower or raise <see cref="MaxSize"/>; the allowed kinds of file are the owner's decision.
/// </summary>
/// <param name="Name">Lower-case letters, digits and dashes, unique across modules: <c>attachments</c>, <c>sales-documents</c>.</param>
/// <param name="MaxSize">The largest file accepted, in bytes; a larger one is refused with 413 while it streams in.</param>
/// <param name="AllowedTypes">The kinds of file accepted, each checked by its content, not by its name or declared type.</param>
public sealed record BlobContainerDefinition(string Name, long MaxSize, IReadOnlyList<BlobFileType> AllowedTypes);

/// <summary>
/// A kind of file a container may accept: its media type, the extensions a file of it may carry, and the media types
/// clients declare for it. The content decides the kind (<c>ContentInspection</c>); the name and the declared type must agree.
/// </summary>
public sealed record BlobFileType(string MediaType, IReadOnlyList<string> Extensions, IReadOnlyList<string> DeclaredAs)
{
    public static BlobFileType Png { get; } = new("image/png", [".png"], ["image/png"]);
    public static BlobFileType Jpeg { get; } = new("image/jpeg", [".jpg", ".jpeg"], ["image/jpeg", "image/jpg", "image/pjpeg"]);
    public static BlobFileType Gif { get; } = new("image/gif", [".gif"], ["image/gif"]);
    public static BlobFileType WebP { get; } = new("image/webp", [".webp"], ["image/webp"]);
    public static BlobFileType Pdf { get; } = new("application/pdf", [".pdf"], ["application/pdf", "application/x-pdf"]);
    public static BlobFileType Text { get; } = new("text/plain", [".txt", ".log", ".md"], ["text/plain", "text/markdown"]);

    // Windows browsers declare .csv files as Excel's type.
    public static BlobFileType Csv { get; } = new("text/csv", [".csv"], ["text/csv", "application/csv", "application/vnd.ms-excel"]);

    /// <summary>Pictures a browser shows inline: logos, product images.</summary>
    public static IReadOnlyList<BlobFileType> Images { get; } = [Png, Jpeg, Gif, WebP];

    /// <summary>What business documents are attached as: PDFs, pictures and text.</summary>
    public static IReadOnlyList<BlobFileType> Documents { get; } = [Pdf, Png, Jpeg, Gif, WebP, Text, Csv];
}

/// <summary>The containers the blob storing module declares itself.</summary>
public static class BlobContainers
{
    /// <summary>Files attached to business records (<see cref="AttachableEntityDefinition"/>), up to 25 MB by default.</summary>
    public const string Attachments = "attachments";
}
