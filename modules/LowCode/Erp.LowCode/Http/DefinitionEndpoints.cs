using System.ComponentModel.DataAnnotations;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.LowCode.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Erp.LowCode.Http;

internal static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder api)
    {
        var entities = api.MapGroup("/api/low-code/entities").WithTags("Low-code").WithStandardProblems();
        entities.MapGet("", ListAsync).WithName("ListLowCodeEntities").RequirePermission(LowCodePermissions.Definitions)
            .WithSummary("Every entity administrators defined, with its fields.");
        entities.MapGet("/{name}", GetAsync).WithName("GetLowCodeEntity").RequirePermission(LowCodePermissions.Definitions)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        entities.MapPost("/{name}/plan", PlanAsync).WithName("PlanLowCodeEntity").RequirePermission(LowCodePermissions.Manage)
            .WithSummary("The statements saving this definition would run on the database, without running them.");
        entities.MapPut("/{name}", SaveAsync).WithName("SaveLowCodeEntity").RequirePermission(LowCodePermissions.Manage)
            .WithProblemResponses(StatusCodes.Status409Conflict)
            .WithSummary("Creates the entity and its table, or changes them, in one transaction: all of it or nothing.");
        entities.MapGet("/{name}/automation-runs", AutomationRunsAsync).WithName("ListLowCodeAutomationRuns").RequirePermission(LowCodePermissions.Definitions)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The entity's automation runs in the current company, newest first (the last 100): done, or refused and why.");
        entities.MapDelete("/{name}/fields/{field}", PurgeAsync).WithName("PurgeLowCodeField").RequirePermission(LowCodePermissions.Manage)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Drops a hidden field's column and its data for good.");

        var extensions = api.MapGroup("/api/low-code/extensions").WithTags("Low-code").WithStandardProblems();
        extensions.MapGet("", ExtensionsAsync).WithName("ListLowCodeExtensions").RequirePermission(LowCodePermissions.Definitions)
            .WithSummary("The entities of modules and plugins that take extra fields, with the fields administrators gave them.");
        extensions.MapGet("/{entity}", ExtensionAsync).WithName("GetLowCodeExtension").RequirePermission(LowCodePermissions.Definitions)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        extensions.MapPut("/{entity}", SaveExtensionAsync).WithName("SaveLowCodeExtension").RequirePermission(LowCodePermissions.Manage)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Sets an entity's extra fields: columns x_<field> of its table, changed in one transaction, all of it or nothing.");
        extensions.MapGet("/{name}/automation-runs", AutomationRunsAsync).WithName("ListLowCodeExtensionAutomationRuns").RequirePermission(LowCodePermissions.Definitions)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The automation runs on the entity's rows in the current company, newest first (the last 100): done, or refused and why.");
        extensions.MapPost("/{entity}/{id:guid}/transitions/{transition}", TransitionAsync).WithName("TransitionLowCodeExtension").RequireSignedIn()
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Moves a row of the entity along a transition of its extension's workflow (the transition's permission).");
        extensions.MapGet("/{entity}/{id:guid}/states", StatesAsync).WithName("ListLowCodeExtensionStates").RequireSignedIn()
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("A row's transitions, oldest first.");

        var documents = api.MapGroup("/api/low-code/definitions").WithTags("Low-code").WithStandardProblems();
        documents.MapGet("/export", ExportAsync).WithName("ExportLowCodeDefinitions").RequirePermission(LowCodePermissions.Definitions)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The definitions of the entities named (every entity when none is) as one document for an import elsewhere.");
        documents.MapPost("/import", ImportAsync).WithName("ImportLowCodeDefinitions").RequirePermission(LowCodePermissions.Manage).WithOwnTransactions()
            .WithProblemResponses(StatusCodes.Status409Conflict)
            .WithSummary("Brings the entities a document names to its definitions in one transaction; importing it again changes nothing. "
                + "With dryRun, reports what it would do and changes nothing.");
    }

    private static async Task<Ok<IReadOnlyList<AutomationRunDto>>> AutomationRunsAsync([StringLength(63)] string name, DefinitionService definitions,
        CancellationToken ct, [StringLength(50)] string? automation = null, bool? succeeded = null) =>
        TypedResults.Ok(await definitions.AutomationRunsAsync(name, automation, succeeded, ct));

    private static async Task<Ok<DefinitionsDocument>> ExportAsync(
        DefinitionService definitions, CancellationToken ct, [FromQuery, MaxLength(200)] string[]? entities = null) => // optional: a default, which the generated delegate needs to see it
        TypedResults.Ok(await definitions.ExportAsync(entities is { Length: > 0 } ? entities : null, ct));

    private static async Task<Ok<ImportResultDto>> ImportAsync(DefinitionsDocument body, DefinitionService definitions, CancellationToken ct, bool dryRun = false) =>
        TypedResults.Ok(await definitions.ImportAsync(body, dryRun, ct));

    private static async Task<Ok<IReadOnlyList<EntityDefinitionDto>>> ListAsync(DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.ListAsync(ct));

    private static async Task<Ok<EntityDefinitionDto>> GetAsync([StringLength(63)] string name, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.GetAsync(name, ct));

    private static async Task<Ok<IReadOnlyList<EntityExtensionDto>>> ExtensionsAsync(DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.ExtensionsAsync(ct));

    private static async Task<Ok<EntityExtensionDto>> ExtensionAsync(string entity, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.ExtensionAsync(entity, ct));

    private static async Task<Ok<EntityExtensionDto>> SaveExtensionAsync(string entity, SaveEntityExtensionRequest body, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.SaveExtensionAsync(entity, body, ct));

    private static async Task<Ok<ExtensionStateDto>> TransitionAsync(string entity, Guid id, string transition, ExtensionTransitionRequest body,
        ExtensionWorkflows workflows, CancellationToken ct) => TypedResults.Ok(await workflows.TransitionAsync(entity, id, transition, body, ct));

    private static async Task<Ok<IReadOnlyList<StateChangeDto>>> StatesAsync(string entity, Guid id, ExtensionWorkflows workflows, CancellationToken ct) =>
        TypedResults.Ok(await workflows.HistoryAsync(entity, id, ct));

    private static async Task<Ok<SchemaPlanDto>> PlanAsync([StringLength(63)] string name, SaveEntityDefinitionRequest body, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.PlanAsync(name, body, ct));

    private static async Task<Ok<EntityDefinitionDto>> PurgeAsync([StringLength(63)] string name, [StringLength(63)] string field, DefinitionService definitions,
        CancellationToken ct) =>
        TypedResults.Ok(await definitions.PurgeAsync(name, field, ct));

    private static async Task<Ok<EntityDefinitionDto>> SaveAsync([StringLength(63)] string name, SaveEntityDefinitionRequest body, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(await definitions.SaveAsync(name, body, ct));
}
