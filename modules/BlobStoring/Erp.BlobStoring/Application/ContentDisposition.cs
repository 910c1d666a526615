using Microsoft.Net.Http.Headers;

namespace Erp.BlobStoring.Application;

internal static class ContentDisposition
{
    /// <summary><c>attachment</c> with the name as an ASCII fallback and as UTF-8 (RFC 6266), so no name can break the header.</summary>
    public static string Attachment(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        return header.ToString();
    }
}
