using System.Collections.Concurrent;

namespace Erp.LowCode.Application;

/// <summary>
/// Models compiled once per name and revision on this instance, then shared by every request; a name's older revisions
/// are let go when a newer one is kept.
/// </summary>
internal sealed class CompiledModels<TModel> where TModel : class
{
    private readonly ConcurrentDictionary<(string Name, int Revision), TModel> _compiled = new();

    public TModel? Find(string name, int revision) => _compiled.GetValueOrDefault((name, revision));

    /// <summary><paramref name="model"/>, or the one another request kept for the same revision meanwhile.</summary>
    public TModel Keep(string name, int revision, TModel model)
    {
        foreach (var old in _compiled.Keys.Where(k => k.Name == name && k.Revision < revision)) _compiled.TryRemove(old, out _);
        return _compiled.GetOrAdd((name, revision), model);
    }
}
