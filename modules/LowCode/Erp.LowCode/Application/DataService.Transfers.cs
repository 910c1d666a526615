using System.Globalization;
using System.Text.Json;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Localization;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>How an import reads its file: the key that finds existing records, the column-to-field map, a dry run, the mode.</summary>
/// <param name="Map">Columns named otherwise than their fields: column to field.</param>
/// <param name="ImportId">The import's id in the history, as the client named it to follow it; a new one when null.</param>
internal sealed record ImportOptions(string? Key, bool DryRun, ImportMode Mode, IReadOnlyDictionary<string, string> Map, Guid? ImportId = null);

/// <summary>Export and import of <see cref="DataService"/>: a list's records out, a CSV or XLSX file's rows in.</summary>
internal sealed partial class DataService
{
    public const int ExportPageSize = 1000;
    public const int MaxImportRows = 10_000;
    public const long MaxImportBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The columns and every record a list with <paramref name="query"/>'s filters, search and sort finds (not its paging),
    /// read by keyset pages of 1,000 as the answer streams: the caller's record rules and fields apply as to any list. The
    /// first page is read before anything is answered, so a bad filter is a 400, not a broken download.
    /// </summary>
    public async Task<(IReadOnlyList<FieldDefinition> Columns, IAsyncEnumerable<Dictionary<string, object?>> Records)> ExportAsync(
        string entity, RecordQuery query, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Export(entity), cancellationToken);
        var paged = query with { Skip = 0, Take = ExportPageSize, Cursor = null, Count = false, Expand = null };
        var first = await ListAsync(entity, paged, cancellationToken);
        IReadOnlyList<FieldDefinition> columns = query.Fields is null ? access.Columns : [.. query.Fields.Select(f => model.Fields[f])];
        return (columns, All(first));

        async IAsyncEnumerable<Dictionary<string, object?>> All(RecordPage page)
        {
            while (true)
            {
                foreach (var record in page.Items) yield return record;
                if (page.Next is null) yield break;
                page = await ListAsync(entity, paged with { Cursor = page.Next }, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Creates (or, by <see cref="ImportOptions.Key"/>, updates) a record for each row of a file whose first line names
    /// fields, through the same checks as the API's writes, in one transaction: each row behind a savepoint, so a refused
    /// row leaves nothing of itself. All or nothing keeps the rows only when none was refused; per row keeps the good ones.
    /// A dry run reports and keeps nothing.
    /// </summary>
    public async Task<RecordImportResultDto> ImportAsync(string entity, Stream file, ImportFormat format, ImportOptions options, CatalogStringLocalizer texts,
        CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Import(entity), cancellationToken);
        await ModelAsync(entity, DataPermissions.Create(entity), cancellationToken);
        if (options.Key is not null) await ModelAsync(entity, DataPermissions.Update(entity), cancellationToken);
        var (header, rows) = await ImportFiles.ReadAsync(file, format, MaxImportRows, cancellationToken);
        var columns = Columns(model, access, header, options);
        var key = options.Key is null ? null
            : options.Key == "id" && columns.Contains("id") ? null as FieldDefinition
            : columns.Contains(options.Key) && model.Fields.GetValueOrDefault(options.Key) is { Unique: true } unique ? unique
            : throw new InvalidFieldsException("key", LowCodeErrors.ImportKeyInvalid, options.Key);
        var companyId = company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        var importId = options.ImportId ?? Guid.CreateVersion7();
        await progress.StartAsync(importId, companyId, entity, options.DryRun, options.Mode, rows.Count, caller.UserId, clock.GetUtcNow(), cancellationToken);

        var report = new List<ImportRowDto>();
        var committed = true;
        try
        {
            await WriteAsync(model, new Dictionary<string, object?>(), async (connection, transaction) =>
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    report.Add(await ImportRowAsync(model, access, columns, rows[i], i + 2, options.Key, key, companyId, texts, connection, transaction, cancellationToken));
                    if (report.Count % ImportProgress.Every == 0) await progress.ReportAsync(importId, companyId, report, null, null, cancellationToken);
                }

                var failed = report.Any(r => r.Action == ImportAction.Failed);
                if (options.DryRun || options.Mode == ImportMode.AllOrNothing && failed) throw new ImportRolledBack();
                return true;
            }, cancellationToken);
        }
        catch (ImportRolledBack)
        {
            db.ChangeTracker.Clear(); // the audit records of rows that were rolled back
            committed = false;
        }

        await progress.ReportAsync(importId, companyId, report, committed, clock.GetUtcNow(), cancellationToken);
        return new RecordImportResultDto(options.DryRun, committed, report.Count(r => r.Action == ImportAction.Created), report.Count(r => r.Action == ImportAction.Updated),
            report.Count(r => r.Action == ImportAction.Failed), report, importId);
    }

    /// <summary>The entity's imports in the caller's company, newest first (the last 50).</summary>
    public async Task<IReadOnlyList<ImportRunDto>> ImportRunsAsync(string entity, CancellationToken cancellationToken)
    {
        await ModelAsync(entity, DataPermissions.Import(entity), cancellationToken);
        return await db.ImportRuns.AsNoTracking().Where(r => r.Entity == entity).OrderByDescending(r => r.StartedAt).Take(50).Select(ToDto).ToListAsync(cancellationToken);
    }

    /// <summary>One import, as far as it got.</summary>
    public async Task<ImportRunDto> ImportRunAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        await ModelAsync(entity, DataPermissions.Import(entity), cancellationToken);
        return await db.ImportRuns.AsNoTracking().Where(r => r.Entity == entity && r.Id == id).Select(ToDto).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(LowCodeErrors.ImportNotFound, id);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ImportRun, ImportRunDto>> ToDto = r =>
        new ImportRunDto(r.Id, r.Entity, r.DryRun, r.Mode, r.Rows, r.Processed, r.Created, r.Updated, r.Failed, r.Committed, r.StartedAt, r.FinishedAt, r.StartedBy);

    // One row behind a savepoint: its values checked as a body would be, then the record it finds by the key changed, or a
    // new one made. A refusal rolls back to the savepoint and forgets what the row added to the context (its audit records).
    private async Task<ImportRowDto> ImportRowAsync(EntityModel model, RecordAccess access, IReadOnlyList<string> columns, string?[] cells, int line, string? keyName,
        FieldDefinition? key, Guid companyId, CatalogStringLocalizer texts, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        await transaction.SaveAsync("row", cancellationToken);
        try
        {
            var body = Body(model, columns, cells);
            var existing = keyName is null ? null : await FindByKeyAsync(model, access, keyName, key, columns, cells, connection, transaction, cancellationToken);
            ImportRowDto done;
            if (existing is var (id, version))
            {
                var values = model.Values(body, creating: false, access);
                await UpdateRecordAsync(model, access, id, values, version, connection, transaction, cancellationToken);
                done = new ImportRowDto(line, ImportAction.Updated, id);
            }
            else
            {
                var values = model.Values(body, creating: true, access);
                var created = await InsertRecordAsync(model, access, values, companyId, connection, transaction, cancellationToken);
                done = new ImportRowDto(line, ImportAction.Created, (Guid)created["id"]!);
            }

            await transaction.ReleaseAsync("row", cancellationToken);
            return done;
        }
        catch (Exception refused) when (RowErrors(model, refused, texts) is { } errors)
        {
            await transaction.RollbackAsync("row", cancellationToken);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => !tracked.Contains(e.Entity)).ToList()) entry.State = EntityState.Detached;
            return new ImportRowDto(line, ImportAction.Failed, null, errors);
        }
    }

    // Why a row was refused, in the caller's language: its fields' refusals, or the rule it broke; null for a failure that is not the row's.
    private static Dictionary<string, string[]>? RowErrors(EntityModel model, Exception refused, CatalogStringLocalizer texts) => refused switch
    {
        InvalidFieldsException invalid => invalid.Errors.ToDictionary(e => e.Key, e => e.Value.Select(texts.Translate).ToArray()),
        ErpProblemException problem => new() { ["row"] = [texts.Translate(new LocalizableText(problem.Code, [.. problem.Arguments]))] },
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } taken when model.ConstraintOf(taken.ConstraintName) is var (_, field) =>
            new() { [field.Name] = [texts.Translate(new LocalizableText(LowCodeErrors.ValueNotUnique, field.Name, null))] },
        DbUpdateConcurrencyException => new() { ["row"] = [texts.Translate(new LocalizableText(ProblemTypes.ConcurrencyConflict))] },
        _ => null,
    };

    // The record the key names, with its version (the import changes it as it is now); null when there is none.
    private async Task<(Guid Id, uint Version)?> FindByKeyAsync(EntityModel model, RecordAccess access, string keyName, FieldDefinition? key, IReadOnlyList<string> columns,
        string?[] cells, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var text = cells[columns.ToList().IndexOf(keyName)];
        if (string.IsNullOrEmpty(text)) return null;
        var value = key is null ? Guid.TryParse(text, out var id) ? id : throw new InvalidFieldsException("id", LowCodeErrors.ValueInvalid, FieldType.Reference)
            : RecordFilters.Parse(key.Type, text) ?? throw new InvalidFieldsException(key.Name, LowCodeErrors.ValueInvalid, key.Type);
        await using var batch = Batch(out var command, connection, transaction);
        command.CommandText = $"SELECT id, xmin FROM {model.Table} t WHERE t.{(key is null ? "id" : key.Column)} = {Parameter(command, value)} AND {Visible(command, access, "t")}";
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetFieldValue<uint>(1)) : null;
    }

    // A row as the JSON body a write takes: each cell typed by its field, an empty cell null; a cell that is no value of
    // its type stays text, for the write's checks to refuse under the field's name.
    private static JsonElement Body(EntityModel model, IReadOnlyList<string> columns, string?[] cells)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == "id") continue;
                var field = model.Fields[columns[i]];
                if (model.IsSetByServer(field)) continue;
                json.WritePropertyName(field.Name);
                var cell = cells[i];
                if (string.IsNullOrEmpty(cell)) json.WriteNullValue();
                else if (field.Type is FieldType.WholeNumber or FieldType.Number && decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    json.WriteNumberValue(number);
                else if (field.Type == FieldType.Boolean && bool.TryParse(cell, out var flag)) json.WriteBooleanValue(flag);
                else if (field.Type == FieldType.Money && Money.Parse(cell) is { } money) JsonSerializer.Serialize(json, money, JsonSerializerOptions.Web);
                else if (field.Type == FieldType.MultipleChoice)
                {
                    json.WriteStartArray();
                    foreach (var choice in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) json.WriteStringValue(choice);
                    json.WriteEndArray();
                }
                else json.WriteStringValue(cell);
            }

            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    // The file's columns: each a field the caller may set, by name or through the map, or the id. A field the server sets
    // (an autonumber, a computed field, a workflow's state) may be there, as an export has it, and is left as it is (or
    // serves as the key).
    private static List<string> Columns(EntityModel model, RecordAccess access, IReadOnlyList<string> header, ImportOptions options)
    {
        var columns = new List<string>();
        foreach (var column in header)
        {
            var name = options.Map.GetValueOrDefault(column, column);
            var usable = name == "id" || model.Fields.GetValueOrDefault(name) is { HasColumn: true } field && access.CanRead(field)
                && (access.CanWrite(field) || model.IsSetByServer(field));
            if (!usable || columns.Contains(name)) throw new InvalidFieldsException("header", LowCodeErrors.ImportHeaderInvalid, column);
            columns.Add(name);
        }

        return columns;
    }

    private sealed class ImportRolledBack : Exception;
}
