using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace Erp.Host.Hosting;

/// <summary>
/// The built SPA (<c>angular/</c>, <c>ng build</c>) at <c>/</c>: from <c>Spa:Path</c>, by default <c>wwwroot</c> beside the
/// host's binaries, where the build puts it. Hashed files (<c>main-5KJ2LQ7A.js</c>) are cached for a year, immutable: a new
/// build names them anew; <c>index.html</c> and the other files are revalidated on every load, so a deployment reaches every
/// browser at its next visit. Any other path that is not the server's (<c>/api</c>, <c>/connect</c>, ...) is a route of the
/// SPA and gets <c>index.html</c>. A host without a built SPA serves the API alone.
/// </summary>
internal static partial class SpaHosting
{
    /// <summary>Scripts and styles of the SPA's own origin only; styles inline too, which PrimeNG's themes set at run time.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The server's own paths: never the SPA's, so an unknown API path stays a 404 problem.
    private static readonly string[] ServerPaths = ["/api", "/connect", "/account", "/openapi", "/scalar", "/health", "/.well-known", "/plugins"];

    /// <summary>Serves the SPA's files; call before routing, so a file is served before any endpoint is chosen.</summary>
    public static void UseErpSpaFiles(this WebApplication app)
    {
        if (Files(app) is not { } files) return;
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = context => CacheAndPolicy(context.Context, context.File.Name) });
    }

    /// <summary>Answers the SPA's routes (deep links, reloads) with <c>index.html</c>.</summary>
    public static void MapErpSpaFallback(this WebApplication app)
    {
        if (Files(app) is not { } files) return;
        var index = files.GetFileInfo("index.html");
        app.MapFallback(async context =>
        {
            if (ServerPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || !HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            CacheAndPolicy(context, index.Name);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static PhysicalFileProvider? Files(WebApplication app)
    {
        var root = app.Configuration["Spa:Path"] is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return File.Exists(Path.Combine(root, "index.html")) ? new PhysicalFileProvider(root) : null;
    }

    private static void CacheAndPolicy(HttpContext context, string fileName)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = Hashed().IsMatch(fileName) ? "public, max-age=31536000, immutable" : "no-cache";
        if (fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    // The names the Angular build gives what it hashes: main-5KJ2LQ7A.js, chunk-ABCDEFGH.js, styles-XYZ12345.css, media too.
    [GeneratedRegex(@"-[A-Z0-9]{8}\.[a-z0-9]+$")]
    private static partial Regex Hashed();
}
