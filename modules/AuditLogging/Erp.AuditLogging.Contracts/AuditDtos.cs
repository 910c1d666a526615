using System.ComponentModel.DataAnnotations;
using Erp.Kernel;

namespace Erp.AuditLogging;

/// <param name="ActorName">The user's name or the integration client's id; null for anonymous requests.</param>
/// <param name="Route">The endpoint's route template (<c>/api/sample/currencies/{id}</c>); null when no endpoint matched.</param>
/// <param name="Exception">The exception's type and message, when the request threw.</param>
/// <param name="TraceId">The W3C trace id: the same on the entity changes the request made, and in the logs and traces.</param>
/// <param name="CompanyId">The company the request worked in; a viewer sees only the requests of companies they work in (and those of none).</param>
public sealed record RequestRecordDto(
    Guid Id, DateTimeOffset OccurredAt, Guid? UserId, string? ActorName, string? ClientId, Guid? CompanyId, string? Ip, string Method, string? Route,
    string Path, int Status, double DurationMs, string? Exception, string? TraceId);

/// <param name="CompanyId">The company of a company-owned entity; a viewer sees only the changes of companies they work in (and those of none).</param>
public sealed record EntityChangeDto(
    Guid Id, DateTimeOffset OccurredAt, string EntityType, string? EntityId, Guid? CompanyId, EntityChangeType ChangeType,
    IReadOnlyList<PropertyChangeDto> Properties, Guid? UserId, string? ActorName, string? ClientId, string? TraceId);

/// <summary>A property's value before and after; a masked one reads <c>***</c>.</summary>
public sealed record PropertyChangeDto(string Name, string? Old, string? New);

/// <summary>Filters of the request search; all optional, combined with and. Newest first.</summary>
public sealed record RequestSearch
{
    public Guid? UserId { get; init; }

    /// <summary>A route template, exactly as recorded.</summary>
    [StringLength(400)]
    public string? Route { get; init; }

    [Range(100, 599)]
    public int? Status { get; init; }

    /// <summary>From this time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Before this time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    public string? TraceId { get; init; }

    /// <summary>The <c>next</c> of the previous page.</summary>
    [StringLength(100)]
    public string? After { get; init; }

    /// <summary>Rows per page, 50 unless said.</summary>
    [Range(1, 500)]
    public int? Take { get; init; }
}

/// <summary>Filters of the entity change search; all optional, combined with and. Newest first.</summary>
public sealed record EntityChangeSearch
{
    public Guid? UserId { get; init; }

    /// <summary>The entity's type name, exactly as recorded (<c>Erp.Sample.Domain.Currencies.Currency</c>).</summary>
    [StringLength(400)]
    public string? EntityType { get; init; }

    [StringLength(400)]
    public string? EntityId { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? TraceId { get; init; }

    [StringLength(100)]
    public string? After { get; init; }

    /// <summary>Rows per page, 50 unless said.</summary>
    [Range(1, 500)]
    public int? Take { get; init; }
}
