using Erp.Kernel.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Kernel.Localization;

/// <summary>An administrator's version of something a module ships (a mail template, a document template), for one language or for all.</summary>
public interface ILanguageOverride
{
    /// <summary>What it overrides: the template's name.</summary>
    string Name { get; }

    /// <summary>The language it applies to (<c>de</c>); null: every language without an override of its own.</summary>
    string? Language { get; }
}

/// <summary>
/// The one way modules keep administrators' per-language overrides: the path segment that names a language (or
/// <see cref="AllLanguages"/>), which override applies to a reader, and saving or removing one with the version read.
/// </summary>
public static class LanguageOverrides
{
    /// <summary>The path segment that names the override for every language without its own.</summary>
    public const string AllLanguages = "all";

    /// <summary>The language a path segment names: null for <see cref="AllLanguages"/>, else one the installation ships (422 <paramref name="unsupportedCode"/>).</summary>
    public static string? LanguageOf(this TranslationCatalog catalog, string segment, string unsupportedCode)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (segment == AllLanguages) return null;
        return catalog.Supported(segment) is { } culture && catalog.LanguageFor(culture) == segment
            ? segment : throw new RequestRejectedException(unsupportedCode, segment);
    }

    /// <summary>The override of <paramref name="name"/> a reader of <paramref name="language"/> gets: their language's, else the one for all, else none.</summary>
    public static T? Effective<T>(this IEnumerable<T> overrides, string name, string language) where T : class, ILanguageOverride
    {
        var candidates = overrides.Where(o => o.Name == name).ToList();
        return candidates.FirstOrDefault(o => o.Language == language) ?? candidates.FirstOrDefault(o => o.Language == null);
    }

    /// <summary>Creates the override of <paramref name="name"/> for <paramref name="language"/>, or changes it if the version read is still current (else 409).</summary>
    public static async Task<T> SaveOverrideAsync<T>(this DbContext db, string name, string? language, uint version, Func<T> create, Action<T> change,
        CancellationToken cancellationToken) where T : AggregateRoot, ILanguageOverride
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.Set<T>().FirstOrDefaultAsync(o => o.Name == name && o.Language == language, cancellationToken);
        if (existing is null)
        {
            existing = create();
            db.Set<T>().Add(existing);
        }
        else
        {
            db.Entry(existing).Property(o => o.Version).OriginalValue = version;
            change(existing);
        }

        await db.SaveChangesAsync(cancellationToken);
        return existing;
    }

    /// <summary>Removes the override of <paramref name="name"/> for <paramref name="language"/> (404 <paramref name="notFoundCode"/> when there is none).</summary>
    public static async Task DeleteOverrideAsync<T>(this DbContext db, string name, string? language, string notFoundCode, CancellationToken cancellationToken)
        where T : class, ILanguageOverride
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.Set<T>().FirstOrDefaultAsync(o => o.Name == name && o.Language == language, cancellationToken)
            ?? throw new NotFoundException(notFoundCode, name, language ?? AllLanguages);
        db.Set<T>().Remove(existing);
        await db.SaveChangesAsync(cancellationToken);
    }
}
