using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Settings;

namespace Erp.Settings.Domain;

/// <summary>
/// The value one setting has at one <see cref="SettingLevel"/>: global, one company's, or one user's own. A secret is held as
/// Data Protection ciphertext; the plain value only passes through <see cref="Set"/>. Removing the row lets the
/// level below apply again.
/// </summary>
public sealed class SettingValue : AuditedAggregateRoot, IAuditMasking, IAuditedInCompany
{
    Guid? IAuditedInCompany.AuditCompanyId => CompanyId;

    private SettingValue() { } // for EF Core

    private SettingValue(string name, SettingLevel level)
    {
        Name = name;
        UserId = level.UserId;
        CompanyId = level.CompanyId;
    }

    public string Name { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public Guid? CompanyId { get; private set; }

    public SettingLevel Level => new(UserId, CompanyId);

    /// <summary>The value in the invariant format; a secret's ciphertext.</summary>
    public string Value { get; private set; } = "";

    /// <summary>Whether <see cref="Value"/> is a secret's ciphertext, which the audit log masks too.</summary>
    public bool IsSecret { get; private set; }

    public static SettingValue Create(SettingDefinition definition, SettingLevel level, string value, Func<string, string> protectSecret)
    {
        var setting = new SettingValue(definition.Name, level);
        setting.Set(definition, value, protectSecret);
        return setting;
    }

    /// <summary>Changes the value; <paramref name="protectSecret"/> encrypts it when the setting is a secret.</summary>
    public void Set(SettingDefinition definition, string value, Func<string, string> protectSecret)
    {
        Check(SettingValueRules.ScopeAllowed(definition, Level));
        Check(SettingValueRules.Valid(definition, value));
        var stored = definition.IsSecret ? protectSecret(value) : value;
        if (stored == Value) return;
        Value = stored;
        IsSecret = definition.IsSecret;
        Raise(new SettingValueChanged(Name, Level));
    }

    /// <summary>Marks the value for removal: the caller deletes the row in the same save.</summary>
    public void Clear() => Raise(new SettingValueChanged(Name, Level));

    public bool MasksInAudit(string propertyName) => IsSecret && propertyName == nameof(Value);
}

/// <summary>One level of values: a user's own (<paramref name="UserId"/>), a company's (<paramref name="CompanyId"/>), or global (neither).</summary>
public readonly record struct SettingLevel(Guid? UserId, Guid? CompanyId)
{
    public static SettingLevel Global => default;

    public static SettingLevel OfUser(Guid userId) => new(userId, null);

    public static SettingLevel OfCompany(Guid companyId) => new(null, companyId);

    public SettingScopes Scope => UserId is not null ? SettingScopes.User : CompanyId is not null ? SettingScopes.Company : SettingScopes.Global;
}

/// <summary>A setting's value changed or was removed at one level.</summary>
public sealed record SettingValueChanged(string Name, SettingLevel Level) : IDomainEvent;

public static class SettingValueRules
{
    public static BusinessRule ScopeAllowed(SettingDefinition definition, SettingLevel level) => new(SettingsErrors.ScopeNotAllowed,
        !definition.Scopes.HasFlag(level.Scope), definition.Name);

    public static BusinessRule Valid(SettingDefinition definition, string value) => SettingRules.Problem(definition, value) is { } problem
        ? new BusinessRule(SettingsErrors.InvalidValue, true, definition.Name, problem)
        : new BusinessRule(SettingsErrors.InvalidValue, false);
}
