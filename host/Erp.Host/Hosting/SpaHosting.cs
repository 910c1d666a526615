using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Erp.Host.Hosting;

/// <summary>
/// The built SPA (<c>angular/</c>, <c>ng build</c>) at <c>/</c>: from <c>Spa:Path</c>, by default <c>wwwroot</c> beside the
/// host's binaries, where the build puts it. Hashed files (<c>main-5KJ2LQ7A.js</c>) are cached for a year, immutable: a new
/// build names them anew; <c>index.html</c> and the other files are revalidated on every load, so a deployment reaches every
/// browser at its next visit. Any other path that is not the server's (<c>/api</c>, <c>/connect</c>, ...) is a route of the
/// SPA and gets <c>index.html</c>. A host without a built SPA serves the API alone. With <c>Spa:AssetBaseUrl</c>, the page
/// names its hashed files at a CDN (<see cref="SpaAssetBase"/>). The build's Brotli and gzip copies (<c>main-5KJ2LQ7A.js.br</c>)
/// are served to browsers that accept them, compressed once at build time rather than on every request.
/// </summary>
internal static partial class SpaHosting
{
    /// <summary>Scripts and styles of the SPA's own origin only; styles inline too, which PrimeNG's themes set at run time.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The build's compressed copies of a file, by the suffix they have beside it, in the order they are preferred.
    private static readonly (string Suffix, string Encoding)[] Compressed = [(".br", "br"), (".gz", "gzip")];

    // The server's own paths: never the SPA's, so an unknown API path stays a 404 problem.
    private static readonly string[] ServerPaths = ["/api", "/connect", "/account", "/openapi", "/scalar", "/health", "/.well-known", "/plugins"];

    /// <summary>Serves the SPA's files; call before routing, so a file is served before any endpoint is chosen.</summary>
    public static void UseErpSpaFiles(this WebApplication app)
    {
        if (Files(app) is not { } files) return;
        var assets = SpaAssetBase.From(app.Configuration);
        if (assets is not null) app.Use((context, next) => ServeRewrittenAsync(context, next, files, assets));
        app.Use((context, next) => PreferCompressed(context, next, files));
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json"; // the web app manifest's registered type
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files, ContentTypeProvider = new UncompressedContentTypes(types),
            OnPrepareResponse = context =>
            {
                var (name, encoding) = Uncompressed(context.File.Name);
                if (encoding is not null) context.Context.Response.Headers.ContentEncoding = encoding;
                CacheAndPolicy(context.Context, name, assets);
            },
        });
    }

    /// <summary>Points a request for a file the build compressed at the copy the browser accepts; the file itself otherwise.</summary>
    private static Task PreferCompressed(HttpContext context, RequestDelegate next, PhysicalFileProvider files)
    {
        var request = context.Request;
        // Only a file's name is looked for (angular/scripts/precompress.mjs decides which have copies): no file-system
        // look-up on an API request or a route of the SPA.
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !Path.HasExtension(request.Path.Value)) return next(context);
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        foreach (var (suffix, encoding) in Compressed)
        {
            if (!files.GetFileInfo(request.Path.Value + suffix).Exists) continue;
            context.Response.Headers.Vary = "Accept-Encoding"; // a cache in between keeps each encoding apart
            if (!accepted.Any(a => string.Equals(a.Value.Value, encoding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0)) continue;
            request.Path += suffix;
            break;
        }

        return next(context);
    }

    /// <summary>The name of the file a compressed copy holds, and the copy's encoding (null for a file that is not one).</summary>
    private static (string Name, string? Encoding) Uncompressed(string name)
    {
        foreach (var (suffix, encoding) in Compressed)
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return (name[..^suffix.Length], encoding);
        return (name, null);
    }

    /// <summary>A compressed copy has the type of the file it holds: main.js.br is JavaScript.</summary>
    private sealed class UncompressedContentTypes(IContentTypeProvider types) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType) => types.TryGetContentType(Uncompressed(subpath).Name, out contentType!);
    }

    /// <summary>Answers the SPA's routes (deep links, reloads) with <c>index.html</c>.</summary>
    public static void MapErpSpaFallback(this WebApplication app)
    {
        if (Files(app) is not { } files) return;
        var index = files.GetFileInfo("index.html");
        var assets = SpaAssetBase.From(app.Configuration);
        app.MapFallback(async context =>
        {
            if (ServerPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || !HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            CacheAndPolicy(context, index.Name, assets);
            context.Response.ContentType = "text/html; charset=utf-8";
            if (assets is null) await context.Response.SendFileAsync(index, context.RequestAborted);
            else await context.Response.WriteAsync(assets.RewriteIndex(await SpaAssetBase.ReadAsync(index, context.RequestAborted)), context.RequestAborted);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The two files that name the page's assets, as the page is served when they come from a CDN.</summary>
    private static async Task ServeRewrittenAsync(HttpContext context, RequestDelegate next, PhysicalFileProvider files, SpaAssetBase assets)
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsGet(context.Request.Method) || !(path == "/index.html" || path == "/ngsw.json") || files.GetFileInfo(path) is not { Exists: true } file)
        {
            await next(context);
            return;
        }

        var index = assets.RewriteIndex(await SpaAssetBase.ReadAsync(files.GetFileInfo("index.html"), context.RequestAborted));
        CacheAndPolicy(context, file.Name, assets);
        context.Response.ContentType = path == "/index.html" ? "text/html; charset=utf-8" : "application/json";
        await context.Response.WriteAsync(
            path == "/index.html" ? index : SpaAssetBase.RewriteServiceWorkerManifest(await SpaAssetBase.ReadAsync(file, context.RequestAborted), index), context.RequestAborted);
    }

    private static PhysicalFileProvider? Files(WebApplication app)
    {
        var root = app.Configuration["Spa:Path"] is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return File.Exists(Path.Combine(root, "index.html")) ? new PhysicalFileProvider(root) : null;
    }

    private static void CacheAndPolicy(HttpContext context, string fileName, SpaAssetBase? assets)
    {
        var headers = context.Response.Headers;
        var hashed = Hashed().IsMatch(fileName);
        headers.CacheControl = hashed ? "public, max-age=31536000, immutable" : "no-cache";
        // Module scripts and fonts from another origin load only with CORS: the CDN passes this header on. Public code, no credentials.
        if (hashed && assets is not null) headers.AccessControlAllowOrigin = "*";
        if (fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            headers.ContentSecurityPolicy = assets?.ContentSecurityPolicy(ContentSecurityPolicy) ?? ContentSecurityPolicy;
        // A worker runs under its script's policy. The service worker fetches the app's files and passes the page's requests
        // on: under the API's policy (default-src 'none') it could fetch nothing and never installed.
        else if (fileName == ServiceWorker)
            headers.ContentSecurityPolicy = assets?.ServiceWorkerPolicy(ContentSecurityPolicy) ?? ContentSecurityPolicy;
    }

    /// <summary>Angular's service worker, as the build names it (<c>provideServiceWorker</c> in the SPA's app.config.ts).</summary>
    private const string ServiceWorker = "ngsw-worker.js";

    /// <summary>
    /// The names the Angular build gives what it hashes: esbuild's (<c>main-5KJ2LQ7A.js</c>, <c>styles-XYZ12345.css</c>,
    /// <c>worker-…</c>, media), and Rollup's for the lazy chunks it merges (<c>chunk-CtT-Pfew.js</c>: a base64url hash, in
    /// mixed case, with <c>-</c> and <c>_</c>). A file's name, without its folder.
    /// </summary>
    internal const string HashedFileName = """(?:[^"/]*-[A-Z0-9]{8}\.[a-z0-9]+|chunk-[A-Za-z0-9_-]{8}\.js)""";

    [GeneratedRegex("^" + HashedFileName + "$")]
    private static partial Regex Hashed();
}
