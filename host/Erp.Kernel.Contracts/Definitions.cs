namespace Erp.Kernel;

/// <summary>A permission a module or plugin defines in code. Grants are stored by the permission module.</summary>
/// <param name="Name">Stable name, <c>Module.Resource.Action</c>.</param>
/// <param name="Parent">Name of the parent permission in the tree, if any.</param>
public sealed record PermissionDefinition(string Name, string DisplayName, string? Parent = null);

/// <summary>An entry of the application menu, shown only to users holding <paramref name="RequiredPermission"/>.</summary>
/// <param name="Path">Position in the menu tree, segments separated by '/', e.g. <c>Sales/Orders</c>.</param>
/// <param name="Route">The SPA route the entry opens.</param>
public sealed record MenuItemDefinition(string Path, string Route, string? RequiredPermission = null, int Order = 0);

/// <summary>An OpenAPI tag a module contributes, with the description shown in the API reference.</summary>
public sealed record OpenApiTagDefinition(string Name, string Description);

/// <summary>An event other modules and plugins may react to: a record of primitives, published after commit.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marker for integration events.")]
public interface IIntegrationEvent;
