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
/// Workflows on modules' and plugins' entities: a row moves along a transition of its extension's workflow, as a low-code
/// record does. The caller sees the owner's entity and holds the transition's permission; the row is one of the request's
/// companies, in a state the transition starts from, and meets its condition (over the extra fields). The new state, its
/// history, its audit record and the automations it triggers commit together.
/// </summary>
internal sealed class ExtensionWorkflows(
    ExtensionModels models, LowCodeDbContext db, IPermissionChecker permissions, IHttpContextAccessor http, ICurrentCompany company, ICurrentUser caller,
    TimeProvider clock)
{
    public async Task<ExtensionStateDto> TransitionAsync(string entity, Guid id, string name, ExtensionTransitionRequest request, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, cancellationToken);
        var transition = model.Workflow?.Transition(name) ?? throw new NotFoundException(LowCodeErrors.TransitionNotFound, entity, name);
        await RequireAsync(DataPermissions.Transition(entity, name), cancellationToken);
        var state = model.Fields[model.Workflow!.Field];
        return await db.InTransactionAsync(async () =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            await using var batch = DataService.Named(new NpgsqlBatch(connection, transaction), company, out var locking);
            locking.CommandText = $"SELECT {state.Column} FROM {model.Table} t WHERE t.id = {DataService.Parameter(locking, id)} AND {DataService.InCompanies(locking, company, "t.")} FOR UPDATE";
            var moving = DataService.Statement(batch);
            var condition = transition.Condition is null ? "" : " AND " + RecordFilters.Condition(transition.Condition, model.OwnPaths,
                value => DataService.Parameter(moving, value), _ => "false", "t", RecordAccess.Variables(caller.UserId, caller.UserName));
            moving.CommandText = $"UPDATE {model.Table} t SET {state.Column} = {DataService.Parameter(moving, transition.To)} " +
                                 $"WHERE t.id = {DataService.Parameter(moving, id)} AND {state.Column} = ANY ({DataService.Parameter(moving, transition.From.ToArray())}){condition} " +
                                 "RETURNING t.company_id";
            var (found, from, companyId) = (false, (string?)null, (Guid?)null);
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken); // past set_config's row
                if (await reader.ReadAsync(cancellationToken)) (found, from) = (true, reader.IsDBNull(0) ? null : reader.GetString(0));
                await reader.NextResultAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken)) companyId = reader.GetGuid(0);
            }

            if (!found) throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
            if (from is null || !transition.From.Contains(from)) throw new BusinessRuleException(LowCodeErrors.TransitionNotAllowed, name, from);
            if (companyId is not { } owner) throw new BusinessRuleException(LowCodeErrors.ConditionNotMet, name);
            EntityChangeAuditing.Record(db, model.Owner.EntityType.FullName!, id.ToString(), owner, EntityChangeType.Updated,
                [($"extra.{state.Name}", from, transition.To)], caller, clock.GetUtcNow());
            db.StateChanges.Add(StateChange.Of(entity, id, owner, from, transition.To, name, request.Comment, clock.GetUtcNow(), caller.UserId));
            // The automations entering the state triggers, enqueued with the move: they run once it commits, and never if it rolls back.
            foreach (var automation in model.Automations.Where(a => a.Trigger.Kind == AutomationTriggerKind.StateEntered && a.Trigger.State == transition.To))
                db.Publish(new AutomationTriggeredIntegrationEvent(entity, automation.Name, id, owner, 0));
            await db.SaveChangesAsync(cancellationToken);
            return new ExtensionStateDto(id, transition.To);
        }, cancellationToken);
    }

    /// <summary>A row's transitions, oldest first (its first state is the column's default, which no transition made).</summary>
    public async Task<IReadOnlyList<StateChangeDto>> HistoryAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        await ModelAsync(entity, cancellationToken);
        return await db.StateChanges.AsNoTracking().Where(c => c.Entity == entity && c.RecordId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new StateChangeDto(c.Id, c.From, c.To, c.Transition, c.Comment, c.At, c.By)).ToListAsync(cancellationToken);
    }

    // The extension, to a caller who sees the owner's entity.
    private async Task<ExtensionModel> ModelAsync(string entity, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(entity, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.ExtensibleNotFound, entity);
        await RequireAsync(model.Owner.ReadPermission, cancellationToken);
        return model;
    }

    private async Task RequireAsync(string permission, CancellationToken cancellationToken)
    {
        var granted = await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken);
        if (!granted.Contains(permission)) throw new ForbiddenException(ProblemTypes.Forbidden);
    }
}
