using System.Runtime.CompilerServices;
using System.Text.Json;
using Erp.AuditLogging.Data;
using Erp.AuditLogging.Domain;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.AuditLogging.Application;

/// <summary>
/// The viewer's queries, newest first with keyset paging on (time, id), which the tables' indexes serve directly in
/// every partition: a page costs the same however deep it is. Exports walk the same pages.
/// </summary>
internal sealed class AuditSearch(AuditDbContext db, ICurrentCompany company)
{
    private const int ExportPage = 1_000;
    private const int DefaultPage = 50;

    public async Task<KeysetPage<RequestRecordDto>> RequestsAsync(RequestSearch search, CancellationToken cancellationToken)
    {
        var take = search.Take ?? DefaultPage;
        var rows = await Requests(search, AuditCursor.Parse(search.After)).Take(take + 1).ToListAsync(cancellationToken);
        return Page(rows, take, r => new AuditCursor(r.OccurredAt, r.Id), ToDto);
    }

    public async Task<KeysetPage<EntityChangeDto>> EntityChangesAsync(EntityChangeSearch search, CancellationToken cancellationToken)
    {
        var take = search.Take ?? DefaultPage;
        var rows = await EntityChanges(search, AuditCursor.Parse(search.After)).Take(take + 1).ToListAsync(cancellationToken);
        return Page(rows, take, c => new AuditCursor(c.OccurredAt, c.Id), ToDto);
    }

    /// <summary>
    /// Every request the search finds, page by page, for an export that holds one page in memory at a time. The search is
    /// checked now, while a problem can still be answered; the rows are read as the export is written.
    /// </summary>
    public IAsyncEnumerable<RequestRecordDto> AllRequests(RequestSearch search, CancellationToken cancellationToken)
    {
        CheckRange(search.From, search.To);
        return WalkAsync(after => Requests(search, after), AuditCursor.Parse(search.After), r => new AuditCursor(r.OccurredAt, r.Id), ToDto, cancellationToken);
    }

    /// <inheritdoc cref="AllRequests"/>
    public IAsyncEnumerable<EntityChangeDto> AllEntityChanges(EntityChangeSearch search, CancellationToken cancellationToken)
    {
        CheckRange(search.From, search.To);
        return WalkAsync(after => EntityChanges(search, after), AuditCursor.Parse(search.After), c => new AuditCursor(c.OccurredAt, c.Id), ToDto, cancellationToken);
    }

    /// <summary>Reads a search page after page, so an export of any size holds one page in memory.</summary>
    private static async IAsyncEnumerable<TDto> WalkAsync<TRow, TDto>(Func<AuditCursor?, IQueryable<TRow>> search, AuditCursor? after,
        Func<TRow, AuditCursor> cursorOf, Func<TRow, TDto> toDto, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var rows = await search(after).Take(ExportPage).ToListAsync(cancellationToken);
            foreach (var row in rows) yield return toDto(row);
            if (rows.Count < ExportPage) yield break;
            after = cursorOf(rows[^1]);
        }
    }

    private IQueryable<RequestRecord> Requests(RequestSearch search, AuditCursor? after)
    {
        CheckRange(search.From, search.To);
        var query = db.Requests.AsNoTracking();
        if (!company.IsUnrestricted)
        {
            var allowed = company.Allowed.ToArray();
            query = query.Where(r => r.CompanyId == null || allowed.Contains(r.CompanyId.Value));
        }

        if (search.UserId is { } user) query = query.Where(r => r.UserId == user);
        if (search.Route is { } route) query = query.Where(r => r.Route == route);
        if (search.Status is { } status) query = query.Where(r => r.Status == status);
        if (search.TraceId is { } trace) query = query.Where(r => r.TraceId == trace);
        if (search.From is { } from) query = query.Where(r => r.OccurredAt >= from);
        if (search.To is { } to) query = query.Where(r => r.OccurredAt < to);
        if (after is { } cursor)
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.OccurredAt, r.Id), ValueTuple.Create(cursor.OccurredAt, cursor.Id)));
        return query.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id);
    }

    private IQueryable<EntityChangeRecord> EntityChanges(EntityChangeSearch search, AuditCursor? after)
    {
        CheckRange(search.From, search.To);
        var query = db.EntityChanges.AsNoTracking();
        if (!company.IsUnrestricted)
        {
            var allowed = company.Allowed.ToArray();
            query = query.Where(c => c.CompanyId == null || allowed.Contains(c.CompanyId.Value));
        }

        if (search.UserId is { } user) query = query.Where(c => c.UserId == user);
        if (search.EntityType is { } type) query = query.Where(c => c.EntityType == type);
        if (search.EntityId is { } id) query = query.Where(c => c.EntityId == id);
        if (search.TraceId is { } trace) query = query.Where(c => c.TraceId == trace);
        if (search.From is { } from) query = query.Where(c => c.OccurredAt >= from);
        if (search.To is { } to) query = query.Where(c => c.OccurredAt < to);
        if (after is { } cursor)
            query = query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.OccurredAt, c.Id), ValueTuple.Create(cursor.OccurredAt, cursor.Id)));
        return query.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id);
    }

    private static void CheckRange(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from > to) throw new InvalidFieldsException("to", AuditLoggingErrors.InvalidRange);
    }

    private static KeysetPage<TDto> Page<TRow, TDto>(List<TRow> rows, int take, Func<TRow, AuditCursor> cursor, Func<TRow, TDto> toDto) =>
        new([.. rows.Take(take).Select(toDto)], rows.Count > take ? cursor(rows[take - 1]).ToString() : null);

    private static RequestRecordDto ToDto(RequestRecord r) => new(r.Id, r.OccurredAt, r.UserId, r.ActorName, r.ClientId, r.CompanyId, r.Ip?.ToString(), r.Method,
        r.Route, r.Path, r.Status, r.DurationMs, r.Exception, r.TraceId);

    private static EntityChangeDto ToDto(EntityChangeRecord c) => new(c.Id, c.OccurredAt, c.EntityType, c.EntityId, c.CompanyId, c.ChangeType,
        JsonSerializer.Deserialize<List<PropertyChangeDto>>(c.Properties, JsonSerializerOptions.Web) ?? [], c.UserId, c.ActorName, c.ClientId, c.TraceId);
}
