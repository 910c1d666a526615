namespace Erp.Kernel.Modularity;

/// <summary>
/// Menu items made at run time (a low-code entity an administrator published): <c>/api/app-config</c> shows them with
/// the modules' own, to holders of their permission. A source answers from its own cache, since the call is on the
/// SPA's start path, and drops it on every instance when its items change.
/// </summary>
public interface IRuntimeMenuSource
{
    ValueTask<IReadOnlyList<MenuItemDefinition>> GetAsync(CancellationToken cancellationToken);
}
