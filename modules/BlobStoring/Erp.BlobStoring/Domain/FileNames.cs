using System.Text;

namespace Erp.BlobStoring.Domain;

/// <summary>
/// The rules an uploaded file's name obeys. A name is only ever shown and offered back on download, never used as a path
/// (keys come from the content), but it is refused rather than quietly repaired when it could mislead a person or a
/// program reading it: folders in it (<c>../../etc/passwd</c>), control characters, or bidirectional overrides that make
/// <c>invoice‮fdp.exe</c> read as <c>invoiceexe.pdf</c>.
/// </summary>
public static class FileNames
{
    /// <summary>The name in Unicode normalization form C and the code of the rule it breaks, if any.</summary>
    public static (string Name, string? Error) Check(string? fileName)
    {
        if (Normalized(fileName ?? "") is not { } normalized) return (fileName ?? "", BlobStoringErrors.FileNameInvalid);
        var name = normalized.Trim();
        if (name.Length > BlobLimits.MaxFileName) return (name, BlobStoringErrors.FileNameTooLong);
        if (name.Length == 0 || name.Trim('.').Length == 0 || name.AsSpan().IndexOfAny('/', '\\') >= 0 || name.Any(IsHidden))
            return (name, BlobStoringErrors.FileNameInvalid);
        return (name, null);
    }

    // A lone surrogate is no text at all: normalization refuses it.
    private static string? Normalized(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The name's extension, lower-case with its dot; empty when it has none.</summary>
    public static string ExtensionOf(string name) => Path.GetExtension(name).ToLowerInvariant();

    // Controls (C0, DEL, C1), bidirectional marks, embeddings, overrides and isolates, and the line and paragraph separators.
    private static bool IsHidden(char c) =>
        char.IsControl(c)
        || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
