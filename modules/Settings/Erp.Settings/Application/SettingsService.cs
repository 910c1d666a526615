using Erp.Kernel;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Settings.Data;
using Erp.Settings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Settings.Application;

/// <summary>
/// The admin use cases (the global settings, and the request's company's, page by page, and the update of one page) and
/// the user's own (the settings that allow a per-user value). An update checks every value before anything is written
/// and is one transaction.
/// </summary>
internal sealed class SettingsService(
    SettingsDbContext db, SettingDefinitions definitions, SettingResolver resolver, StoredSettings stored, SecretSettings secrets, ICurrentUser caller,
    ICurrentCompany company, CatalogStringLocalizer texts)
{
    public async Task<IReadOnlyList<SettingGroupDto>> GetGlobalAsync(CancellationToken cancellationToken) =>
        Groups(Definitions(SettingScopes.Global), await resolver.LoadAsync(null, null, cancellationToken));

    public Task UpdateGlobalAsync(string group, UpdateSettingsRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(SettingLevel.Global, Page(SettingScopes.Global, group), request,
            new LocalizableText("settings.value.not-in-group", group), cancellationToken);

    /// <summary>The settings a company may set for itself, as they apply in the request's company.</summary>
    public async Task<IReadOnlyList<SettingGroupDto>> GetCompanyAsync(CancellationToken cancellationToken) =>
        Groups(Definitions(SettingScopes.Company), await resolver.LoadAsync(null, CallingCompany(), cancellationToken));

    public Task UpdateCompanyAsync(string group, UpdateSettingsRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(SettingLevel.OfCompany(CallingCompany()), Page(SettingScopes.Company, group), request,
            new LocalizableText("settings.value.no-company-value", group), cancellationToken);

    public async Task<IReadOnlyList<SettingGroupDto>> GetMineAsync(CancellationToken cancellationToken) =>
        Groups(Definitions(SettingScopes.User), await resolver.LoadAsync(CallingUser(), company.Id, cancellationToken));

    public Task UpdateMineAsync(UpdateSettingsRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(SettingLevel.OfUser(CallingUser()), Definitions(SettingScopes.User), request, new LocalizableText("settings.value.no-user-value"),
            cancellationToken);

    private IEnumerable<SettingDefinition> Definitions(SettingScopes scope) => definitions.All.Where(d => d.Scopes.HasFlag(scope));

    private SettingDefinition[] Page(SettingScopes scope, string group) => Definitions(scope).Where(d => d.Group == group).ToArray() is { Length: > 0 } page
        ? page : throw new NotFoundException(SettingsErrors.UnknownGroup, group);

    /// <summary>An integration client has no settings of its own.</summary>
    private Guid CallingUser() => caller.UserId
        ?? throw new ForbiddenException(SettingsErrors.UserOnly);

    private Guid CallingCompany() => company.Id
        ?? throw new ForbiddenException(CompanyErrors.NoCompany);

    private async Task ApplyAsync(SettingLevel level, IEnumerable<SettingDefinition> allowed, UpdateSettingsRequest request, LocalizableText notAllowed,
        CancellationToken cancellationToken)
    {
        var byName = allowed.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var errors = new Dictionary<string, LocalizableText[]>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Values)
        {
            if (!byName.TryGetValue(name, out var definition)) errors[name] = [notAllowed];
            else if (SettingRules.Problem(definition, value) is { } problem) errors[name] = [problem];
        }

        if (errors.Count > 0) throw new InvalidFieldsException(errors);

        var names = request.Values.Keys.ToArray();
        var existing = await db.At(level).Where(v => names.Contains(v.Name)).ToDictionaryAsync(v => v.Name, StringComparer.Ordinal, cancellationToken);
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
                db.Values.Add(SettingValue.Create(definition, level, value, plain => secrets.Protect(name, plain)));
            }
            else
            {
                current.Set(definition, value, plain => secrets.Protect(name, plain));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await stored.ForgetAsync(level, cancellationToken);
    }

    private IReadOnlyList<SettingGroupDto> Groups(IEnumerable<SettingDefinition> shown, StoredLevels levels) =>
        [.. shown.GroupBy(d => d.Group, StringComparer.Ordinal).Select(group => new SettingGroupDto(group.Key,
            texts.Translate(DefinitionTexts.SettingGroup(group.Key), group.Key), [.. group.Select(d => Field(d, levels))]))];

    private SettingFieldDto Field(SettingDefinition definition, StoredLevels levels)
    {
        var resolved = resolver.Resolve(definition, levels);
        return new SettingFieldDto(definition.Name, texts.Translate(DefinitionTexts.Setting(definition.Name), definition.DisplayName),
            definition.Description is null ? null : texts.Translate(DefinitionTexts.SettingHelp(definition.Name), definition.Description),
            definition.Type, definition.Choices,
            definition.Minimum, definition.Maximum, definition.Pattern, definition.DefaultValue,
            Value: definition.IsSecret ? null : resolved.Value, resolved.Source, IsSet: resolved.Value is not null);
    }
}
