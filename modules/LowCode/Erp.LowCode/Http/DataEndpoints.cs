using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Localization;
using Erp.Kernel.Security;
using Erp.LowCode.Application;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.LowCode.Http;

internal static class DataEndpoints
{
    private const string FilterPrefix = "filter.";
    private const string MapPrefix = "map.";

    public static void MapDataEndpoints(this IEndpointRouteBuilder api)
    {
        // Each entity's permissions are checked per request (they exist at run time): signing in is what the route asks.
        var records = api.MapGroup("/api/data/{entity}").WithTags("Low-code data").WithStandardProblems().RequireSignedIn();
        records.MapGet("", ListAsync).WithName("ListRecords").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Records of a low-code entity: `filter.<field>[.<operator>]=value`, `sort=<field>` or `-<field>`, `cursor` (a page's `next`) or " +
                         "`skip`, `take` (0 with `count=true` for the count alone), `fields` and `expand` (comma-separated), `search` (words in the searchable fields), " +
                         "`count=true` (capped at 10,000; with `estimate=true` the planner's estimate, which reads no row).");
        records.MapPost("/query", QueryAsync).WithName("QueryRecords").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Records of a low-code entity, asked for in the body: filter groups (and, or, not), fields of referenced records (customer.city), " +
                         "and what the list's query string takes.");
        records.MapPost("/bulk", BulkAsync).WithName("BulkWriteRecords").WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Creates, changes and deletes records of a low-code entity in one transaction: all or none (at most 500).");
        records.MapGet("/view", ViewAsync).WithName("GetEntityView").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("What the SPA needs to show the entity's list and form to the caller: the fields they see, the layouts, the transitions they may take, " +
                         "what they may do.");
        records.MapGet("/views", ListViewsAsync).WithName("ListSavedViews").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The caller's own saved lists of the entity.");
        records.MapPost("/views", CreateViewAsync).WithName("CreateSavedView").WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Saves a list (filter, sort, columns, search) for the caller, checked as the list would run; a default one unsets their others.");
        records.MapPut("/views/{id:guid}", UpdateViewAsync).WithName("UpdateSavedView").WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        records.MapDelete("/views/{id:guid}", DeleteViewAsync).WithName("DeleteSavedView").WithProblemResponses(StatusCodes.Status404NotFound);
        records.MapGet("/export", ExportAsync).WithName("ExportRecords").WithProblemResponses(StatusCodes.Status404NotFound)
            .ProducesFile("text/csv", ImportFiles.XlsxContentType)
            .WithSummary("Every record the list's filters, search and sort find (not its paging), as CSV (`format=Csv`, the default) or an Excel workbook " +
                         "(`format=Xlsx`), with the caller's record rules and fields.");
        records.MapPost("/export", ExportQueriedAsync).WithName("ExportQueriedRecords").WithProblemResponses(StatusCodes.Status404NotFound)
            .ProducesFile("text/csv", ImportFiles.XlsxContentType)
            .WithSummary("Exports what a list asked for in a body finds (filter groups included), as the query-string export does.");
        records.MapPost("/import", ImportAsync).WithName("ImportRecords").Accepts<Stream>("text/csv", ImportFiles.XlsxContentType)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Creates, or by `key` (id or a unique field) updates, a record per row of a CSV file whose first line names fields (`map.<column>=<field>` " +
                         "for columns named otherwise): CSV, or the first sheet of an Excel workbook sent as XLSX. `mode`: AllOrNothing (the default) or PerRow; " +
                         "`dryRun=true` reports and keeps nothing. At most 10 MB and 10,000 rows. `importId` (a new GUID) names the import in the history, " +
                         "where any instance shows how far it got while it runs.");
        records.MapGet("/imports", ImportRunsAsync).WithName("ListImports").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The entity's imports in the current company, newest first (the last 50).");
        records.MapGet("/imports/{id:guid}", ImportRunAsync).WithName("GetImport").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("One import: its rows, how many are done, what they did, and whether it was kept.");
        records.MapGet("/references/{field}", ReferenceOptionsAsync).WithName("ListReferenceOptions").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Records a reference field (`customer`, or a lines field's `lines.product`) may point to, for search-as-you-type: those the caller " +
                         "sees in the company of `record` (or the request's, for a new record) whose display value contains `search`, by display value (at most `take`).");
        records.MapGet("/{id:guid}", GetAsync).WithName("GetRecord").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("One record with its lines; `expand` (comma-separated reference fields) adds the records they point to under `expanded`.");
        records.MapPost("", CreateAsync).WithName("CreateRecord").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Creates a record in the request's company from the fields given.");
        records.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateRecord").WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Changes the fields given; `version` must be the record's.");
        records.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteRecord").WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        records.MapPost("/{id:guid}/transitions/{transition}", TransitionAsync).WithName("TransitionRecord")
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Moves the record along a transition of its workflow; `version` must be the record's.");
        records.MapGet("/{id:guid}/history", HistoryAsync).WithName("GetRecordStateHistory").WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The record's workflow states, oldest first: where it started, then each transition, by whom and why.");
    }

    private static async Task<Ok<Dictionary<string, object?>>> TransitionAsync([StringLength(63)] string entity, Guid id, [StringLength(50)] string transition,
        TransitionRequest body, DataService records, CancellationToken ct) =>
        TypedResults.Ok(await records.TransitionAsync(entity, id, transition, body, ct));

    private static async Task<Ok<IReadOnlyList<StateChangeDto>>> HistoryAsync([StringLength(63)] string entity, Guid id, DataService records, CancellationToken ct) =>
        TypedResults.Ok(await records.HistoryAsync(entity, id, ct));

    private static async Task<Ok<RecordPage>> ListAsync([StringLength(63)] string entity, HttpRequest request, DataService records, CancellationToken ct,
        [Range(0, 10_000)] int skip = 0, [Range(0, DataService.MaxTake)] int take = 50, [StringLength(64)] string? sort = null,
        [StringLength(500)] string? cursor = null, [StringLength(2000)] string? fields = null, [StringLength(500)] string? expand = null, bool count = false,
        [StringLength(200)] string? search = null, bool estimate = false)
    {
        return TypedResults.Ok(await records.ListAsync(entity, new RecordQuery(Filters(request), sort, skip, take, cursor, Names(fields), Names(expand), count, Search: search, Estimate: estimate), ct));
    }

    private static async Task<Ok<RecordPage>> QueryAsync([StringLength(63)] string entity, RecordQueryRequest body, DataService records, CancellationToken ct) =>
        TypedResults.Ok(await records.ListAsync(entity, new RecordQuery(new Dictionary<string, string>(), body.Sort, body.Skip, body.Take, body.Cursor, body.Fields,
            body.Expand, body.Count, body.Filter, body.Search, body.Estimate), ct));

    private static async Task<Ok<BulkResult>> BulkAsync([StringLength(63)] string entity, BulkRecordsRequest body, DataService records, CancellationToken ct) =>
        TypedResults.Ok(await records.BulkAsync(entity, body, ct));

    private static async Task<Ok<EntityViewDto>> ViewAsync([StringLength(63)] string entity, DataService records, SavedViewService views, CancellationToken ct)
    {
        await records.CheckReadableAsync(entity, ct);
        return TypedResults.Ok(await records.ViewAsync(entity, await views.MineAsync(entity, ct), ct));
    }

    private static async Task<Ok<IReadOnlyList<SavedViewDto>>> ListViewsAsync([StringLength(63)] string entity, SavedViewService views, CancellationToken ct) =>
        TypedResults.Ok(await views.ListAsync(entity, ct));

    private static async Task<Created<SavedViewDto>> CreateViewAsync([StringLength(63)] string entity, SaveViewRequest body, SavedViewService views, CancellationToken ct)
    {
        var created = await views.CreateAsync(entity, body, ct);
        return TypedResults.Created($"/api/data/{entity}/views/{created.Id}", created);
    }

    private static async Task<Ok<SavedViewDto>> UpdateViewAsync([StringLength(63)] string entity, Guid id, SaveViewRequest body, SavedViewService views, CancellationToken ct) =>
        TypedResults.Ok(await views.UpdateAsync(entity, id, body, ct));

    private static async Task<NoContent> DeleteViewAsync([StringLength(63)] string entity, Guid id, SavedViewService views, CancellationToken ct)
    {
        await views.DeleteAsync(entity, id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<PushStreamHttpResult> ExportAsync([StringLength(63)] string entity, HttpRequest request, DataService records, CancellationToken ct,
        [StringLength(64)] string? sort = null, [StringLength(2000)] string? fields = null, [StringLength(200)] string? search = null, ExportFormat format = ExportFormat.Csv)
    {
        return File(entity, await records.ExportAsync(entity, new RecordQuery(Filters(request), sort, Fields: Names(fields), Search: search), ct), format);
    }

    private static async Task<PushStreamHttpResult> ExportQueriedAsync([StringLength(63)] string entity, ExportRecordsRequest body, DataService records,
        CancellationToken ct)
    {
        var query = new RecordQuery(new Dictionary<string, string>(), body.Sort, Fields: body.Fields, Filter: body.Filter, Search: body.Search);
        return File(entity, await records.ExportAsync(entity, query, ct), body.Format);
    }

    private static PushStreamHttpResult File(string entity, (IReadOnlyList<FieldDefinition> Columns, IAsyncEnumerable<Dictionary<string, object?>> Records) export,
        ExportFormat format) =>
        format == ExportFormat.Xlsx ? RecordFiles.Xlsx(export.Columns, export.Records, $"{entity}.xlsx") : RecordFiles.Csv(export.Columns, export.Records, $"{entity}.csv");

    private static async Task<Ok<RecordImportResultDto>> ImportAsync([StringLength(63)] string entity, HttpRequest request, DataService records,
        CatalogStringLocalizer texts, CancellationToken ct, [StringLength(63)] string? key = null, bool dryRun = false, ImportMode mode = ImportMode.AllOrNothing,
        Guid? importId = null)
    {
        if (request.ContentLength > DataService.MaxImportBytes) throw new PayloadTooLargeException(LowCodeErrors.ImportTooLarge, DataService.MaxImportBytes, DataService.MaxImportRows);
        using var file = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (file.Length + read > DataService.MaxImportBytes) throw new PayloadTooLargeException(LowCodeErrors.ImportTooLarge, DataService.MaxImportBytes, DataService.MaxImportRows);
            file.Write(buffer, 0, read);
        }

        file.Position = 0;
        var map = request.Query.Where(q => q.Key.StartsWith(MapPrefix, StringComparison.Ordinal))
            .ToDictionary(q => q.Key[MapPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);
        var format = request.ContentType?.StartsWith(ImportFiles.XlsxContentType, StringComparison.OrdinalIgnoreCase) == true ? ImportFormat.Xlsx : ImportFormat.Csv;
        return TypedResults.Ok(await records.ImportAsync(entity, file, format, new ImportOptions(key, dryRun, mode, map, importId), texts, ct));
    }

    private static async Task<Ok<IReadOnlyList<ReferenceOptionDto>>> ReferenceOptionsAsync([StringLength(63)] string entity, [StringLength(127)] string field,
        DataService records, CancellationToken ct, Guid? record = null, [StringLength(100)] string? search = null, [Range(1, 50)] int take = 20) =>
        TypedResults.Ok(await records.ReferenceOptionsAsync(entity, field, record, search, take, ct));

    private static async Task<Ok<IReadOnlyList<ImportRunDto>>> ImportRunsAsync([StringLength(63)] string entity, DataService records, CancellationToken ct) =>
        TypedResults.Ok(await records.ImportRunsAsync(entity, ct));

    private static async Task<Ok<ImportRunDto>> ImportRunAsync([StringLength(63)] string entity, Guid id, DataService records, CancellationToken ct) =>
        TypedResults.Ok(await records.ImportRunAsync(entity, id, ct));

    private static Dictionary<string, string> Filters(HttpRequest request) => request.Query.Where(q => q.Key.StartsWith(FilterPrefix, StringComparison.Ordinal))
        .ToDictionary(q => q.Key[FilterPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);

    private static string[]? Names(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static async Task<Ok<Dictionary<string, object?>>> GetAsync([StringLength(63)] string entity, Guid id, DataService records, CancellationToken ct,
        [StringLength(500)] string? expand = null) =>
        TypedResults.Ok(await records.GetAsync(entity, id, Names(expand), ct));

    private static async Task<Created<Dictionary<string, object?>>> CreateAsync([StringLength(63)] string entity, JsonElement body, DataService records, CancellationToken ct)
    {
        var created = await records.CreateAsync(entity, body, ct);
        return TypedResults.Created($"/api/data/{entity}/{created["id"]}", created);
    }

    private static async Task<Ok<Dictionary<string, object?>>> UpdateAsync([StringLength(63)] string entity, Guid id, JsonElement body, DataService records,
        CancellationToken ct) =>
        TypedResults.Ok(await records.UpdateAsync(entity, id, body, ct));

    private static async Task<NoContent> DeleteAsync([StringLength(63)] string entity, Guid id, DataService records, CancellationToken ct)
    {
        await records.DeleteAsync(entity, id, ct);
        return TypedResults.NoContent();
    }
}
