using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Settings;

namespace Erp.Settings.Domain;

/// <summary>
/// The value one setting has at one level: global (<see cref="UserId"/> null) or one user's own. A secret is held as
/// Data Protection ciphertext; the plain value only passes through <see cref="Set"/>. Removing the row lets the
/// level below apply again.
/// </summary>
public sealed class SettingValue : AuditedAggregateRoot, IAuditMasking
{
    private SettingValue() { } // for EF Core

    private SettingValue(string name, Guid? userId)
    {
        Name = name;
        UserId = userId;
    }

    public string Name { get; private set; } = "";
    public Guid? UserId { get; private set; }

    /// <summary>The value in the invariant format; a secret's ciphertext.</summary>
    public string Value { get; private set; } = "";

    /// <summary>Whether <see cref="Value"/> is a secret's ciphertext, which the audit log masks too.</summary>
    public bool IsSecret { get; private set; }

    public static SettingValue Create(SettingDefinition definition, Guid? userId, string value, Func<string, string> protectSecret)
    {
        var setting = new SettingValue(definition.Name, userId);
        setting.Set(definition, value, protectSecret);
        return setting;
    }

    /// <summary>Changes the value; <paramref name="protectSecret"/> encrypts it when the setting is a secret.</summary>
    public void Set(SettingDefinition definition, string value, Func<string, string> protectSecret)
    {
        Check(SettingValueRules.ScopeAllowed(definition, UserId));
        Check(SettingValueRules.Valid(definition, value));
        var stored = definition.IsSecret ? protectSecret(value) : value;
        if (stored == Value) return;
        Value = stored;
        IsSecret = definition.IsSecret;
        Raise(new SettingValueChanged(Name, UserId));
    }

    /// <summary>Marks the value for removal: the caller deletes the row in the same save.</summary>
    public void Clear() => Raise(new SettingValueChanged(Name, UserId));

    public bool MasksInAudit(string propertyName) => IsSecret && propertyName == nameof(Value);
}

/// <summary>A setting's value changed or was removed at one level.</summary>
public sealed record SettingValueChanged(string Name, Guid? UserId) : IDomainEvent;

public static class SettingValueRules
{
    public static BusinessRule ScopeAllowed(SettingDefinition definition, Guid? userId) => new(SettingsErrors.ScopeNotAllowed,
        !definition.Scopes.HasFlag(userId is null ? SettingScopes.Global : SettingScopes.User),
        userId is null ? $"Setting '{definition.Name}' has no global value." : $"Setting '{definition.Name}' has no per-user value.");

    public static BusinessRule Valid(SettingDefinition definition, string value) => SettingRules.Problem(definition, value) is { } problem
        ? new BusinessRule(SettingsErrors.InvalidValue, true, $"Setting '{definition.Name}': {problem}")
        : new BusinessRule(SettingsErrors.InvalidValue, false, "");
}
