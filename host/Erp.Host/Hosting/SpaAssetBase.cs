using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace Erp.Host.Hosting;

/// <summary>
/// <c>Spa:AssetBaseUrl</c>: where a CDN in front of this host serves the SPA's hashed files (<c>https://cdn.example.com/erp/</c>,
/// pulling them from this host's <c>/</c>). <c>index.html</c> then names its hashed scripts, styles and icons at that address,
/// and everything they load relative to themselves (lazy chunks, fonts) follows. The page itself, the files that are
/// revalidated on every load (the service worker, the manifest, translations), the API and sign-in stay on this host.
/// </summary>
internal sealed partial class SpaAssetBase
{
    public const string Key = "Spa:AssetBaseUrl";

    private SpaAssetBase(string url) => Url = url;

    /// <summary>The base address, ending in <c>/</c>.</summary>
    public string Url { get; }

    /// <summary>The configured base, or null when the SPA's files come from this host alone.</summary>
    /// <exception cref="InvalidOperationException">The value is no absolute http(s) address without query and fragment.</exception>
    public static SpaAssetBase? From(IConfiguration configuration)
    {
        if (configuration[Key] is not { Length: > 0 } value) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"{Key} must be an absolute http(s) address without query or fragment, such as https://cdn.example.com/erp/; it is '{value}'.");
        return new SpaAssetBase(value.EndsWith('/') ? value : value + "/");
    }

    /// <summary>The page's policy, with the CDN's address allowed wherever the page loads the SPA's files from.</summary>
    public string ContentSecurityPolicy(string policy) => Allow(policy, "script-src", "style-src", "img-src", "font-src");

    /// <summary>
    /// The service worker's policy: the page's, and the CDN for its own requests too, as it fetches the page's files from
    /// there on the page's behalf (Chromium judges a worker's fetch by connect-src).
    /// </summary>
    public string ServiceWorkerPolicy(string policy) => Allow(ContentSecurityPolicy(policy), "connect-src");

    private string Allow(string policy, params string[] directives)
    {
        foreach (var directive in directives)
            policy = policy.Replace($"{directive} 'self'", $"{directive} 'self' {Url}", StringComparison.Ordinal);
        return policy;
    }

    /// <summary>The page with its hashed files (<c>src</c>/<c>href</c> relative to <c>&lt;base href="/"&gt;</c>) named at the CDN.</summary>
    public string RewriteIndex(string html) =>
        HashedReference().Replace(html, match => $"{match.Groups["attribute"].Value}=\"{Url}{match.Groups["file"].Value}\"");

    /// <summary>
    /// The service worker's manifest, with the hash of the page as this host serves it: the worker checks every file it
    /// caches against that table and would refuse the rewritten page.
    /// </summary>
    public static string RewriteServiceWorkerManifest(string ngswJson, string servedIndex)
    {
        var manifest = JsonNode.Parse(ngswJson)!;
        if (manifest["hashTable"] is JsonObject hashes && hashes.ContainsKey("/index.html"))
        {
            // The worker's own content hash (SHA-1 of the bytes, as @angular/service-worker computes it): a checksum, not a signature.
#pragma warning disable CA5350
            hashes["/index.html"] = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(servedIndex)));
#pragma warning restore CA5350
        }

        return manifest.ToJsonString();
    }

    public static async Task<string> ReadAsync(IFileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    // src="main-5KJ2LQ7A.js", href="chunk-CtT-Pfew.js", href="media/icon-ABCD1234.png": relative, hashed as the build names them.
    [GeneratedRegex("""(?<attribute>\b(?:src|href))="(?<file>(?![a-z][a-z0-9+.-]*:|/)(?:[^"]*/)?""" + SpaHosting.HashedFileName + """)"(?=[\s>/])""")]
    private static partial Regex HashedReference();
}
