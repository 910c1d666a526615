namespace Erp.Printing.Application;

/// <summary>Where Chromium is and how much of it printing may use (configuration section <c>Printing</c>).</summary>
public sealed class PrintingOptions
{
    public const string Section = "Printing";

    /// <summary>Chromium's executable; when not set, the usual places (Debian's <c>/usr/bin/chromium</c>, ...) are tried.</summary>
    public string? Chromium { get; set; }

    /// <summary>Documents printed at once by this instance; more wait (each page costs Chromium tens of MB).</summary>
    public int MaxConcurrentPages { get; set; } = 2;

    /// <summary>The longest one document may take to print.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    internal static readonly string[] UsualPlaces = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    internal string? ChromiumPath => Chromium ?? UsualPlaces.FirstOrDefault(File.Exists);
}
