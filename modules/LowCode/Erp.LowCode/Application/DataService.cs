using System.Text.Json;
using Erp.Companies;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// A page of records, newest first unless sorted otherwise; with <see cref="Total"/> when counted, which stops at
/// <see cref="DataService.CountCap"/> (<see cref="TotalIsCapped"/>: "10,000+") so a count of a large table stays fast.
/// <see cref="Next"/> continues after the page's last record (keyset paging), null on the last page. Asked for an estimate,
/// <see cref="Total"/> is PostgreSQL's planner's (<see cref="TotalIsEstimate"/>), which costs no scan at all.
/// </summary>
internal sealed record RecordPage(
    IReadOnlyList<Dictionary<string, object?>> Items, int Skip, int Take, string? Next, long? Total = null, bool TotalIsCapped = false, bool TotalIsEstimate = false);

/// <summary>
/// What a list asks for: <paramref name="Filters"/> from a query string (all applying) and a <paramref name="Filter"/> tree;
/// <paramref name="Fields"/> (null for all) and <paramref name="Expand"/> (references and lines fields) by name;
/// <paramref name="Cursor"/> (a page's <c>next</c>) or <paramref name="Skip"/> to page; <paramref name="Search"/>, words
/// the searchable fields hold; <paramref name="Estimate"/>, the planner's estimate for the count.
/// </summary>
internal sealed record RecordQuery(
    IReadOnlyDictionary<string, string> Filters, string? Sort = null, int Skip = 0, int Take = 50, string? Cursor = null, IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? Expand = null, bool Count = false, RecordFilter? Filter = null, string? Search = null, bool Estimate = false);

/// <summary>
/// Records of low-code entities, through SQL made from the compiled model: names from the checked definition, every value
/// a parameter. Each operation needs the entity's permission, runs in one transaction that names the caller's companies
/// for row-level security, and filters to them as well; a new record belongs to the request's company. A write, its
/// lines and their audit records (old and new values, as for any entity) commit together.
/// </summary>
internal sealed partial class DataService(
    EntityModels models, NpgsqlDataSource data, LowCodeDbContext db, IPermissionChecker permissions, IHttpContextAccessor http, ICurrentCompany company,
    ICurrentUser caller, TimeProvider clock, WebhookSubscriptions subscriptions, Erp.BlobStoring.IAttachmentLookup attachments, ImportProgress progress,
    ITeamDirectory teams, ExtensionModels extensions, IExtraFields extraFields)
{
    public const int MaxTake = 200;
    public const int CountCap = 10_000;

    public async Task<RecordPage> ListAsync(string entity, RecordQuery query, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        var sort = RecordSort.Of(model, access, query.Sort);
        var filters = query.Filters.Select(f => (Key: $"filter.{f.Key}", Split: RecordFilters.Split(f.Key), Text: f.Value)).ToList();
        var paths = await PathsAsync(model, access, filters.Select(f => f.Split.Path).Concat(RecordFilters.Paths(query.Filter)), cancellationToken);
        string Where(NpgsqlBatchCommand command)
        {
            string Parameter(object? value) => DataService.Parameter(command, value);
            string Restrict(FilterPath path) => Visible(command, path.TargetAccess!, "r");
            return string.Join(" AND ", filters
                .Select(f => RecordFilters.Condition(paths.GetValueOrDefault(f.Split.Path), f.Key, f.Split.Op, f.Text, null, Parameter, Restrict))
                .Append(query.Filter is null ? null : RecordFilters.Condition(query.Filter, paths, Parameter, Restrict))
                .Append(query.Search is null ? null : RecordFilters.Search(model, query.Search, Parameter)).OfType<string>()
                .Prepend(Visible(command, access, "t")));
        }

        // The page and, when asked, the count: one batch, one round trip (the count alone for take=0).
        await using var batch = Batch(out var command);
        var paging = query.Take > 0 || !query.Count;
        var projection = paging ? await ProjectionAsync(model, access, query.Fields, query.Expand, sort, command, cancellationToken) : null;
        if (projection is not null)
        {
            var after = query.Cursor is null ? "" : " AND " + sort.After(RecordCursor.Read(query.Cursor, sort), value => Parameter(command, value));
            command.CommandText = $"SELECT {projection.Sql} FROM {model.Table} t WHERE {Where(command)}{after} ORDER BY {sort.OrderBy} " +
                                  $"OFFSET {Parameter(command, query.Cursor is null ? query.Skip : 0)} LIMIT {Parameter(command, query.Take)}";
        }

        if (query.Count)
        {
            var count = projection is null ? command : Statement(batch);
            // The estimate plans the same filtered statement (row-level security and record rules included) and runs nothing.
            count.CommandText = query.Estimate
                ? $"EXPLAIN (FORMAT JSON) SELECT 1 FROM {model.Table} t WHERE {Where(count)}"
                : $"SELECT count(*) FROM (SELECT 1 FROM {model.Table} t WHERE {Where(count)} LIMIT {CountCap + 1}) AS capped";
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        var items = projection is null ? [] : await ReadRowsAsync(reader, projection, cancellationToken);
        var next = query.Take > 0 && items.Count == query.Take ? RecordCursor.Of(sort, items[^1]) : null;
        if (!query.Count) return new RecordPage(items, query.Skip, query.Take, next);
        if (projection is not null) await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (query.Estimate)
        {
            using var plan = JsonDocument.Parse(reader.GetString(0));
            var rows = (long)Math.Round(plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble());
            return new RecordPage(items, query.Skip, query.Take, next, rows, TotalIsEstimate: true);
        }

        var total = reader.GetInt64(0);
        return new RecordPage(items, query.Skip, query.Take, next, Math.Min(total, CountCap), total > CountCap);
    }

    // The fields filters name, the entity's own (a money field's currency too) or (customer.city) a referenced entity's, which needs that entity's read
    // permission; fields the caller sees only. A path that names no such field is left out: the condition naming it is
    // refused with its key, as if the field did not exist.
    private async Task<Dictionary<string, FilterPath>> PathsAsync(EntityModel model, RecordAccess access, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, FilterPath>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var parts = path.Split('.');
            if (model.OwnPaths.GetValueOrDefault(path) is { } own && access.CanRead(own.Field)) resolved[path] = own;
            if (parts is not [var through, var targetField] || model.Fields.GetValueOrDefault(through) is not { Type: FieldType.Reference } reference
                || !access.CanRead(reference)) continue;
            var (target, targetAccess) = await ReferencedAsync(reference, cancellationToken);
            if (target.Fields.GetValueOrDefault(targetField) is { HasColumn: true } onTarget && targetAccess.CanRead(onTarget))
                resolved[path] = new FilterPath(onTarget, reference, target, targetAccess);
        }

        return resolved;
    }

    /// <summary>One record with its lines.</summary>
    /// <summary>One record whole (its lines too), with the referenced records <paramref name="expand"/> names under <c>expanded</c>.</summary>
    public async Task<Dictionary<string, object?>> GetAsync(string entity, Guid id, IReadOnlyList<string>? expand, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        if (expand is null or []) return await ReadOneAsync(model, access, id, null, null, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);

        await using var batch = Batch(out var command);
        var lines = model.Lines.Where(l => access.CanRead(l.Value.Field)).Select(l => l.Key);
        var projection = await ProjectionAsync(model, access, null, [.. expand.Union(lines)], RecordSort.Of(model, access, null), command, cancellationToken);
        command.CommandText = $"SELECT {projection.Sql} FROM {model.Table} t WHERE t.id = {Parameter(command, id)} AND {Visible(command, access, "t")}";
        return (await ReadAsync(batch, projection, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
    }

    private async Task<Dictionary<string, object?>?> ReadOneAsync(EntityModel model, RecordAccess access, Guid id, NpgsqlConnection? connection,
        NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, connection, transaction);
        var projection = Projection.WithLines(model, access);
        command.CommandText = $"SELECT {projection.Sql} FROM {model.Table} t WHERE t.id = {Parameter(command, id)} AND {Visible(command, access, "t")}";
        return (await ReadAsync(batch, projection, cancellationToken)).SingleOrDefault();
    }

    // The entity's model, and what the caller may do with its records, when they hold the permission.
    private async Task<(EntityModel Model, RecordAccess Access)> ModelAsync(string entity, string permission, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(entity, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.EntityNotFound, entity);
        if (_system) return (model, model.FullAccess);
        var granted = await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken);
        if (!granted.Contains(permission)) throw new ForbiddenException(ProblemTypes.Forbidden);
        var access = model.AccessFor(granted);
        if (access.HasTeamRule && _teammates is null) _teammates = caller.UserId is { } user ? await teams.TeammatesAsync(user, cancellationToken) : [];
        return (model, access);
    }

    // What a reference field refers to, as the caller may see it: a low-code entity's records (with its read permission,
    // record rules and fields), or a module's or plugin's entity's rows (with the owner's read permission: its display
    // column and extra fields).
    private async Task<(TableModel Target, RecordAccess Access)> ReferencedAsync(FieldDefinition reference, CancellationToken cancellationToken)
    {
        var entity = reference.References!;
        if (await extensions.GetAsync(entity, cancellationToken) is not { } owner) return await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        if (!_system && !(await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken)).Contains(owner.Owner.ReadPermission))
            throw new ForbiddenException(ProblemTypes.Forbidden);
        return (owner.Referenced, owner.ReferencedAccess);
    }

    // The caller's teammates, read once per request when a team's record rule restricts what they see (Visible).
    private IReadOnlyList<Teammate>? _teammates;

    // The columns a list returns (of those the caller sees; the sort's always, for the next page's cursor) and what it
    // expands: lines fields, and references, whose records need their own entity's read permission and are those the
    // caller sees there (their companies, that entity's record rules and fields).
    private async Task<Projection> ProjectionAsync(EntityModel model, RecordAccess access, IReadOnlyList<string>? fields, IReadOnlyList<string>? expand,
        RecordSort sort, NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        var columns = fields is null ? access.Columns : [.. fields.Select(name =>
            model.Fields.GetValueOrDefault(name) is { HasColumn: true } field && access.CanRead(field) ? field
                : throw new InvalidFieldsException("fields", LowCodeErrors.UnknownField, name))
            .Union(access.Columns.Where(f => f.Name == sort.Property))];
        var expansions = new List<(FieldDefinition, string)>();
        foreach (var name in expand ?? [])
        {
            if (model.Lines.TryGetValue(name, out var lines) && access.CanRead(lines.Field))
            {
                expansions.Add((lines.Field, lines.Aggregate));
                continue;
            }

            if (model.Fields.GetValueOrDefault(name) is not { Type: FieldType.Reference } reference || !access.CanRead(reference))
                throw new InvalidFieldsException("expand", LowCodeErrors.ExpandInvalid, name);
            var (target, targetAccess) = await ReferencedAsync(reference, cancellationToken);
            expansions.Add((reference,
                $"(SELECT {targetAccess.JsonOf("r")} FROM {target.Table} r WHERE r.id = t.{reference.Column} AND {Visible(command, targetAccess, "r")})"));
        }

        return new Projection(columns, expansions);
    }

    // One statement per operation, after the one that names the companies row-level security lets it see (as a query, so
    // the batch's first result is always its row): sent as one batch, they run in one implicit transaction (or the
    // write's), which holds the setting for that statement.
    private NpgsqlBatch Batch(out NpgsqlBatchCommand statement, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null) =>
        Named(connection is null ? data.CreateBatch() : new NpgsqlBatch(connection, transaction), company, out statement);

    /// <summary><paramref name="batch"/> naming <paramref name="company"/>'s companies for row-level security, then a statement to fill in.</summary>
    internal static NpgsqlBatch Named(NpgsqlBatch batch, ICurrentCompany company, out NpgsqlBatchCommand statement)
    {
        var naming = new NpgsqlBatchCommand($"SELECT set_config('{CompanyRowSecurity.Setting}', $1, true)");
        naming.Parameters.Add(new NpgsqlParameter { Value = company.IsUnrestricted ? "*" : string.Join(',', company.Allowed) });
        batch.BatchCommands.Add(naming);
        statement = Statement(batch);
        return batch;
    }

    internal static NpgsqlBatchCommand Statement(NpgsqlBatch batch)
    {
        var statement = new NpgsqlBatchCommand();
        batch.BatchCommands.Add(statement);
        return statement;
    }

    // A caller of one company (most are) gets an equality, which lets an index on (company_id, field) return rows in the
    // field's order: a sorted page of a large table reads one page of the index instead of sorting the company's rows.
    private string Companies(NpgsqlBatchCommand command, string alias = "") => InCompanies(command, company, alias);

    /// <summary>The condition of the rows of <paramref name="company"/>'s companies (the table aliased <paramref name="alias"/>, with its dot).</summary>
    internal static string InCompanies(NpgsqlBatchCommand command, ICurrentCompany company, string alias) =>
        company.IsUnrestricted ? "true"
        : company.Allowed is [var only] ? $"{alias}company_id = {Parameter(command, only)}"
        : $"{alias}company_id = ANY ({Parameter(command, company.Allowed.ToArray())})";

    // The rows of a table (aliased) the caller sees: of their companies and, where the entity has record rules, of theirs.
    private string Visible(NpgsqlBatchCommand command, RecordAccess access, string alias) =>
        access.Condition(alias, value => Parameter(command, value), caller.UserId, caller.UserName, _teammates) is { } rules
            ? $"{Companies(command, alias + ".")} AND {rules}"
            : Companies(command, alias + ".");

    internal static string Parameter(NpgsqlBatchCommand command, object? value)
    {
        // Its two parts as parameters of one composite value, which Npgsql would need a type mapping to send.
        if (value is Money money) return $"ROW({Parameter(command, money.Amount)}, {Parameter(command, money.Currency)})::{SchemaPlanner.MoneyType}";
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return $"${command.Parameters.Count}";
    }

    private static string Version(NpgsqlBatchCommand command, uint version)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid });
        return $"${command.Parameters.Count}";
    }

    /// <summary>The rows of a batch made by <see cref="Named"/>: its statement's, past the naming's row.</summary>
    internal static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlBatch batch, Projection projection, CancellationToken cancellationToken)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        return await ReadRowsAsync(reader, projection, cancellationToken);
    }

    private static async Task<List<Dictionary<string, object?>>> ReadRowsAsync(NpgsqlDataReader reader, Projection projection, CancellationToken cancellationToken)
    {
        var records = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken)) records.Add(projection.Read(reader));
        return records;
    }
}
