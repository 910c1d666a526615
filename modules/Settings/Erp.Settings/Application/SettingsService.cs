using Erp.Kernel;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Settings.Data;
using Erp.Settings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Settings.Application;

/// <summary>
/// The admin use cases (the global settings page by page, and the update of one page) and the user's own (the settings
/// that allow a per-user value). An update checks every value before anything is written and is one transaction.
/// </summary>
internal sealed class SettingsService(
    SettingsDbContext db, SettingDefinitions definitions, SettingResolver resolver, StoredSettings stored, SecretSettings secrets, ICurrentUser caller)
{
    public async Task<IReadOnlyList<SettingGroupDto>> GetGlobalAsync(CancellationToken cancellationToken) =>
        Groups(GlobalDefinitions(), await resolver.LoadAsync(null, cancellationToken));

    public async Task UpdateGlobalAsync(string group, UpdateSettingsRequest request, CancellationToken cancellationToken)
    {
        var page = GlobalDefinitions().Where(d => d.Group == group).ToArray();
        if (page.Length == 0) throw new NotFoundException(SettingsErrors.UnknownGroup, $"There is no settings group '{group}'.");
        await ApplyAsync(null, page, request, $"No setting of this name is in group '{group}'.", cancellationToken);
    }

    public async Task<IReadOnlyList<SettingGroupDto>> GetMineAsync(CancellationToken cancellationToken) =>
        Groups(UserDefinitions(), await resolver.LoadAsync(CallingUser(), cancellationToken));

    public Task UpdateMineAsync(UpdateSettingsRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(CallingUser(), UserDefinitions(), request, "No setting of this name takes a value of your own.", cancellationToken);

    private IEnumerable<SettingDefinition> GlobalDefinitions() => definitions.All.Where(d => d.Scopes.HasFlag(SettingScopes.Global));

    private IEnumerable<SettingDefinition> UserDefinitions() => definitions.All.Where(d => d.Scopes.HasFlag(SettingScopes.User));

    /// <summary>An integration client has no settings of its own.</summary>
    private Guid CallingUser() => caller.UserId
        ?? throw new ForbiddenException(SettingsErrors.ScopeNotAllowed, "Only a signed-in user has settings of their own.");

    private async Task ApplyAsync(Guid? userId, IEnumerable<SettingDefinition> allowed, UpdateSettingsRequest request, string notAllowed,
        CancellationToken cancellationToken)
    {
        var byName = allowed.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Values)
        {
            if (!byName.TryGetValue(name, out var definition)) errors[name] = [notAllowed];
            else if (SettingRules.Problem(definition, value) is { } problem) errors[name] = [problem];
        }

        if (errors.Count > 0) throw new InvalidFieldsException(errors);

        var names = request.Values.Keys.ToArray();
        var level = userId is null ? db.Values.Where(v => v.UserId == null) : db.Values.Where(v => v.UserId == userId);
        var existing = await level.Where(v => names.Contains(v.Name)).ToDictionaryAsync(v => v.Name, StringComparer.Ordinal, cancellationToken);
        foreach (var (name, value) in request.Values)
        {
            var definition = byName[name];
            var current = existing.GetValueOrDefault(name);
            if (value is null)
            {
                if (current is null) continue;
                current.Clear();
                db.Values.Remove(current);
            }
            else if (current is null)
            {
                db.Values.Add(SettingValue.Create(definition, userId, value, plain => secrets.Protect(name, plain)));
            }
            else
            {
                current.Set(definition, value, plain => secrets.Protect(name, plain));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await stored.ForgetAsync(userId, cancellationToken);
    }

    private IReadOnlyList<SettingGroupDto> Groups(IEnumerable<SettingDefinition> shown, StoredLevels levels) =>
        [.. shown.GroupBy(d => d.Group, StringComparer.Ordinal).Select(group => new SettingGroupDto(group.Key, [.. group.Select(d => Field(d, levels))]))];

    private SettingFieldDto Field(SettingDefinition definition, StoredLevels levels)
    {
        var resolved = resolver.Resolve(definition, levels);
        return new SettingFieldDto(definition.Name, definition.DisplayName, definition.Description, definition.Type, definition.Choices,
            definition.Minimum, definition.Maximum, definition.Pattern, definition.DefaultValue,
            Value: definition.IsSecret ? null : resolved.Value, resolved.Source, IsSet: resolved.Value is not null);
    }
}
