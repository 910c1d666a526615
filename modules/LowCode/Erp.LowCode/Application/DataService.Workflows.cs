using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.LowCode.Application;

/// <summary>The workflow operations of <see cref="DataService"/>: transitions and state histories.</summary>
internal sealed partial class DataService
{
    /// <summary>
    /// Moves a record along a transition of its entity's workflow: the caller holds the transition's permission and sees
    /// the record, which is in one of the states the transition starts from, meets its condition (checked by the statement
    /// that moves it), and is at <see cref="TransitionRequest.Version"/>. The new state, its history and its audit record
    /// commit together.
    /// </summary>
    public async Task<Dictionary<string, object?>> TransitionAsync(string entity, Guid id, string name, TransitionRequest request, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        var workflow = model.Workflow;
        var transition = workflow?.Transition(name) ?? throw new NotFoundException(LowCodeErrors.TransitionNotFound, entity, name);
        await ModelAsync(entity, DataPermissions.Transition(entity, name), cancellationToken);
        var state = model.Fields[workflow!.Field];

        return access.Redact(await WriteAsync(model, new Dictionary<string, object?>(), async (connection, transaction) =>
        {
            var before = await LockAsync(model, access, id, connection, transaction, cancellationToken);
            if ((uint)before["version"]! != request.Version) throw new DbUpdateConcurrencyException($"{model.Name} {id} changed since version {request.Version}.");
            var from = before[state.Name] as string;
            if (from is null || !transition.From.Contains(from)) throw new BusinessRuleException(LowCodeErrors.TransitionNotAllowed, name, from);

            await using var batch = Batch(out var command, connection, transaction);
            string Parameter(object? value) => DataService.Parameter(command, value);
            var condition = transition.Condition is null ? ""
                : " AND " + RecordFilters.Condition(transition.Condition, model.OwnPaths, Parameter, _ => "false", "t", RecordAccess.Variables(caller.UserId, caller.UserName));
            command.CommandText = $"UPDATE {model.Table} t SET {state.Column} = {Parameter(transition.To)}, modified_at = now(), modified_by = {Parameter(caller.UserId)} " +
                                  $"WHERE t.id = {Parameter(id)}{condition} RETURNING {model.SelectList}";
            var moved = (await ReadAsync(batch, Projection.Columns(model), cancellationToken)).SingleOrDefault()
                ?? throw new BusinessRuleException(LowCodeErrors.ConditionNotMet, name);
            await CheckWithinRulesAsync(model, access, id, connection, transaction, cancellationToken);
            Audit(model, moved, EntityChangeType.Updated, [(state.Name, from, transition.To)]);
            db.StateChanges.Add(StateChange.Of(model.Name, id, (Guid)moved["companyId"]!, from, transition.To, name, request.Comment, clock.GetUtcNow(), caller.UserId));
            await PublishAsync(model, id, (Guid)moved["companyId"]!, RecordEvent.Transitioned, null, connection, transaction, cancellationToken);
            await TriggerAsync(model, id, (Guid)moved["companyId"]!, OnChange(before, moved, transition.To), connection, transaction, cancellationToken);
            return await ReadOneAsync(model, access, id, connection, transaction, cancellationToken) ?? moved;
        }, cancellationToken));
    }

    /// <summary>A record's states, oldest first: where it started, then each transition, by whom and why.</summary>
    public async Task<IReadOnlyList<StateChangeDto>> HistoryAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        _ = await ReadOneAsync(model, access, id, null, null, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
        return await db.StateChanges.AsNoTracking().Where(c => c.Entity == entity && c.RecordId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new StateChangeDto(c.Id, c.From, c.To, c.Transition, c.Comment, c.At, c.By)).ToListAsync(cancellationToken);
    }
}
