namespace Erp.BlobStoring;

/// <summary>
/// Checks an uploaded file before it is kept (a virus scanner: ClamAV's <c>clamd</c> when <c>BlobStoring:Clamd:Host</c> is
/// set). Every registered scanner reads the file; one that refuses it ends the upload with 422 and nothing stored.
/// A scanner that cannot answer throws, and the upload fails with 503 rather than keep an unchecked file.
/// </summary>
public interface IBlobScanner
{
    /// <returns>Null when the file is acceptable; otherwise why not (a signature name), for the log and the problem.</returns>
    Task<string?> ScanAsync(Stream content, CancellationToken cancellationToken);
}
