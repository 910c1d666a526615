using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json.Serialization;
using Erp.Settings.Data;
using Erp.Settings.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Settings.Application;

/// <summary>
/// The stored values of one level (global, one company's, or one user's), as one cache entry: a page of settings or the app
/// configuration is one cache read, never one per setting. Secrets stay ciphertext in the cache (it reaches Redis).
/// A change drops the level's entry, and the cache carries the drop to every instance before the change returns.
/// </summary>
internal sealed class StoredSettings(HybridCache cache, IServiceScopeFactory scopes) : IStoredLevels
{
    public ValueTask<StoredLevel> GetAsync(SettingLevel level, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(CacheKey(level), (this, level), static (state, ct) => state.Item1.LoadAsync(state.level, ct),
            cancellationToken: cancellationToken);

    public ValueTask ForgetAsync(SettingLevel level, CancellationToken cancellationToken) => cache.RemoveAsync(CacheKey(level), cancellationToken);

    private static string CacheKey(SettingLevel level) => level switch
    {
        { UserId: { } user } => $"settings:user:{user:N}",
        { CompanyId: { } company } => $"settings:company:{company:N}",
        _ => "settings:global",
    };

    private async ValueTask<StoredLevel> LoadAsync(SettingLevel level, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var values = await scope.ServiceProvider.GetRequiredService<SettingsDbContext>().At(level).AsNoTracking()
            .Select(v => new { v.Name, v.Value }).ToDictionaryAsync(v => v.Name, v => v.Value, StringComparer.Ordinal, cancellationToken);
        return new StoredLevel { Values = values };
    }
}

/// <summary>Where a resolution reads a level's stored values from: the cache, or what a scope has read of it.</summary>
internal interface IStoredLevels
{
    ValueTask<StoredLevel> GetAsync(SettingLevel level, CancellationToken cancellationToken);
}

/// <summary>The cached value. Immutable, so the in-process cache hands out the same instance to every reader.</summary>
[ImmutableObject(true)]
internal sealed class StoredLevel
{
    private FrozenDictionary<string, string>? _frozen;

    public Dictionary<string, string> Values { get; init; } = [];

    [JsonIgnore]
    public FrozenDictionary<string, string> ByName => _frozen ??= Values.ToFrozenDictionary(StringComparer.Ordinal);
}
