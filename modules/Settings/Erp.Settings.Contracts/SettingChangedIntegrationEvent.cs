using Erp.Kernel;

namespace Erp.Settings;

/// <summary>
/// A setting's value changed at one level: globally (<paramref name="UserId"/> and <paramref name="CompanyId"/> null), for
/// one company, or for one user, by
/// <paramref name="ActorName"/>. It carries no value (a secret must not reach the outbox): a module that reacts reads
/// the new value through <c>ISettingProvider</c>.
/// </summary>
public sealed record SettingChangedIntegrationEvent(string Name, Guid? UserId, Guid? CompanyId, Guid? ActorUserId, string? ActorName) : IIntegrationEvent;
