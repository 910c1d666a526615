using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Emailing;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// Automations in <see cref="DataService"/>: a change enqueues the automations it triggers (in its transaction), and the
/// engine runs an automation's actions for a record as the system, in the record's company.
/// </summary>
internal sealed partial class DataService
{
    /// <summary>How many automations deep a change may be made by automations and still trigger more (no endless loops).</summary>
    public const int MaxAutomationDepth = 3;

    /// <summary>The largest number of records one run of a scheduled automation acts on.</summary>
    public const int MaxScheduledRecords = 1000;

    // Set when this scope runs an automation: as the system (every record and field of the company it runs in), and how deep.
    private bool _system;
    private int _depth;

    // The automations a change triggers, of those whose condition the record now meets: each enqueued as a job in the
    // change's transaction, so it runs once the change commits, and never if it rolls back.
    private async Task TriggerAsync(EntityModel model, Guid id, Guid companyId, Func<AutomationTriggerDto, bool> triggered, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (model.Automations.Count == 0 || _depth >= MaxAutomationDepth) return;
        var due = model.Automations.Where(a => triggered(a.Trigger)).ToList();
        var conditional = due.Where(a => a.Condition is not null).ToList();
        if (conditional.Count > 0)
        {
            await using var batch = Batch(out var command, connection, transaction);
            string Parameter(object? value) => DataService.Parameter(command, value);
            var variables = RecordAccess.Variables(caller.UserId, caller.UserName);
            command.CommandText = "SELECT " + string.Join(", ", conditional.Select(a => RecordFilters.Condition(a.Condition!, model.OwnPaths, Parameter, _ => "false", "t", variables))) +
                                  $" FROM {model.Table} t WHERE t.id = {Parameter(id)}";
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken); // past set_config's row
            await reader.ReadAsync(cancellationToken);
            for (var i = 0; i < conditional.Count; i++)
            {
                if (reader.IsDBNull(i) || !reader.GetBoolean(i)) due.Remove(conditional[i]);
            }
        }

        foreach (var automation in due) db.Publish(new AutomationTriggeredIntegrationEvent(model.Name, automation.Name, id, companyId, _depth));
    }

    private static Func<AutomationTriggerDto, bool> OnCreate(EntityModel model) => trigger =>
        trigger.Kind == AutomationTriggerKind.Created || (trigger.Kind == AutomationTriggerKind.StateEntered && trigger.State == model.Workflow?.Initial.Name);

    private static Func<AutomationTriggerDto, bool> OnChange(Dictionary<string, object?> before, Dictionary<string, object?> after, string? enteredState = null) =>
        trigger => trigger.Kind switch
        {
            AutomationTriggerKind.Updated => true,
            AutomationTriggerKind.FieldChanged => !Same(before.GetValueOrDefault(trigger.Field!), after.GetValueOrDefault(trigger.Field!)),
            AutomationTriggerKind.StateEntered => enteredState is not null && trigger.State == enteredState,
            _ => false,
        };

    private static bool Same(object? a, object? b) => a is string[] left && b is string[] right ? left.SequenceEqual(right) : Equals(a, b);

    /// <summary>
    /// Runs <paramref name="automation"/>'s actions for a record (gone since: nothing to do), as the system, and records
    /// the run in the automation history. An action the data refuses (a value that does not fit, a rule of the target)
    /// undoes the run, whose record then says why: retrying would not change the answer.
    /// </summary>
    public async Task RunAsync(EntityModel model, AutomationDto automation, Guid id, int depth, CatalogStringLocalizer texts, ILogger logger,
        CancellationToken cancellationToken)
    {
        (_system, _depth) = (true, depth);
        var record = await ReadOneAsync(model, model.FullAccess, id, null, null, cancellationToken);
        if (record is not null) await RunAsync(new AutomationTarget(model.Name, model), automation, record, texts, logger, cancellationToken);
    }

    /// <summary>
    /// Runs an automation of a module's or plugin's entity for one of its rows, as the other one does for a record, when
    /// the row (still there) meets the automation's condition. Templates read the row's display and extra fields, and
    /// <paramref name="trigger"/>, the owner's event that triggered it, as <c>event</c>.
    /// </summary>
    public async Task RunAsync(ExtensionModel extension, AutomationDto automation, Guid id, Guid companyId, JsonElement? trigger, int depth,
        CatalogStringLocalizer texts, ILogger logger, CancellationToken cancellationToken)
    {
        (_system, _depth) = (true, depth);
        var record = await ReadRowAsync(extension, id, companyId, automation.Condition, cancellationToken);
        if (record is null) return;
        if (trigger is { } data) record[ExtensionModel.EventField] = data;
        await RunAsync(new AutomationTarget(extension.Name, extension, extension), automation, record, texts, logger, cancellationToken);
    }

    /// <summary>What an automation acts on: a low-code entity's records, or a module's or plugin's rows (<paramref name="Extension"/>) and their extra fields.</summary>
    private sealed record AutomationTarget(string Entity, TableModel Model, ExtensionModel? Extension = null);

    // A row of a module's or plugin's entity as automations read it (id, company, display, extra fields), in the run's
    // transaction; null when it is gone, or does not meet the condition over its extra fields.
    private async Task<Dictionary<string, object?>?> ReadRowAsync(ExtensionModel extension, Guid id, Guid companyId, RecordFilter? condition,
        CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var row = extension.Referenced;
        var projection = new Projection(row.Columns, [], isRecord: false);
        await using var batch = Batch(out var command, transaction.Connection, transaction);
        var meets = condition is null ? ""
            : " AND " + RecordFilters.Condition(condition, row.OwnPaths, value => Parameter(command, value), _ => "false", "t", RecordAccess.Variables(null, null));
        command.CommandText = $"SELECT {projection.Sql} FROM {row.Table} t WHERE t.id = {Parameter(command, id)} AND t.company_id = {Parameter(command, companyId)}{meets}";
        var record = (await ReadAsync(batch, projection, cancellationToken)).SingleOrDefault();
        if (record is not null) record["companyId"] = companyId;
        return record;
    }

    private async Task RunAsync(AutomationTarget target, AutomationDto automation, Dictionary<string, object?> record, CatalogStringLocalizer texts, ILogger logger,
        CancellationToken cancellationToken)
    {
        var id = (Guid)record["id"]!;
        var companyId = (Guid)record["companyId"]!;
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await transaction.SaveAsync("automation", cancellationToken);
        var step = 0;
        try
        {
            for (; step < automation.Actions.Count; step++) record = await RunAsync(target, automation, automation.Actions[step], record, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await RecordRunAsync(target.Entity, automation, id, companyId, null, transaction, cancellationToken);
        }
        catch (Exception refused) when (refused is InvalidFieldsException or ErpProblemException)
        {
            // Undone, mails and calls it had enqueued included (published and not yet saved ones go with this scope).
            await transaction.RollbackAsync("automation", cancellationToken);
            var problems = refused switch
            {
                InvalidFieldsException invalid => invalid.Errors.ToDictionary(e => $"actions[{step}].{e.Key}", e => e.Value.Select(texts.Translate).ToArray()),
                ErpProblemException problem => new Dictionary<string, string[]>
                    { [$"actions[{step}]"] = [texts.Translate(new LocalizableText(problem.Code, [.. problem.Arguments]))] },
                _ => throw new System.Diagnostics.UnreachableException(), // the filter lets these two through only
            };
            logger.LogWarning("Automation {Automation} of {Entity} was refused for record {RecordId}: {Problems}", automation.Name, target.Entity, id,
                string.Join("; ", problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));
            await RecordRunAsync(target.Entity, automation, id, companyId, problems, transaction, cancellationToken);
        }
    }

    // The run's record in the history, in the run's transaction: after its actions, or after they were undone (the
    // companies' naming of row-level security went with them, so it is named again).
    private async Task RecordRunAsync(string entity, AutomationDto automation, Guid id, Guid companyId, Dictionary<string, string[]>? problems,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, transaction.Connection, transaction);
        command.CommandText = "INSERT INTO lowcode.automation_runs (id, company_id, entity, automation, record_id, succeeded, problems, at) VALUES (" +
                              $"{Parameter(command, Guid.CreateVersion7())}, {Parameter(command, companyId)}, {Parameter(command, entity)}, {Parameter(command, automation.Name)}, " +
                              $"{Parameter(command, id)}, {Parameter(command, problems is null)}, " +
                              $"{Parameter(command, problems is null ? null : JsonSerializer.Serialize(problems))}::jsonb, {Parameter(command, clock.GetUtcNow())})";
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    // One action; the record as it is afterwards, for the actions after it.
    private async Task<Dictionary<string, object?>> RunAsync(AutomationTarget target, AutomationDto automation, AutomationActionDto action, Dictionary<string, object?> record,
        CancellationToken cancellationToken)
    {
        var id = (Guid)record["id"]!;
        var companyId = (Guid)record["companyId"]!;
        switch (action.Kind)
        {
            case AutomationActionKind.SendEmail:
                var to = (await AutomationTemplates.RenderAsync(action.To!, record)).Trim();
                if (!MailAddress.TryCreate(to, out _)) throw new InvalidFieldsException("to", LowCodeErrors.ValueInvalid);
                db.Publish(EmailRequestedIntegrationEvent.For(to, AutomationMail.Template.Name, new Dictionary<string, string>
                {
                    ["subject"] = await AutomationTemplates.RenderAsync(action.Subject!, record), ["body"] = await AutomationTemplates.RenderAsync(action.Body!, record),
                }));
                return record;
            case AutomationActionKind.CallWebhooks:
                if (await subscriptions.WantedAsync(db, companyId, target.Entity, RecordEvent.Automation, cancellationToken))
                    db.Publish(new RecordChangedIntegrationEvent(target.Entity, id, companyId, RecordEvent.Automation, JsonSerializer.SerializeToElement(record, JsonSerializerOptions.Web),
                        clock.GetUtcNow(), automation.Name));
                return record;
            case AutomationActionKind.SetField when target.Extension is { } extension:
                // Written as the owner's API writes extra fields (checked, audited under the owner's entity), in the run's transaction.
                var extra = await ValuesAsync([new(action.Field!, action.Value!.Value)], record, extension);
                await extraFields.WriteAsync(extension.Name, id, JsonSerializer.SerializeToElement(extra), db, cancellationToken);
                var reread = await ReadRowAsync(extension, id, companyId, null, cancellationToken) ?? record;
                if (record.TryGetValue(ExtensionModel.EventField, out var trigger)) reread[ExtensionModel.EventField] = trigger;
                return reread;
            case AutomationActionKind.SetField:
                var change = await ValuesAsync([new(action.Field!, action.Value!.Value)], record, target.Model);
                change["version"] = (uint)record["version"]!;
                return await UpdateAsync(target.Entity, id, JsonSerializer.SerializeToElement(change), cancellationToken);
            case AutomationActionKind.CreateRecord:
                var created = await models.GetAsync(action.Entity!, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.EntityNotFound, action.Entity);
                await CreateAsync(created.Name, JsonSerializer.SerializeToElement(await ValuesAsync(action.Values!, record, created)), cancellationToken);
                return record;
            default:
                throw new InvalidOperationException($"Unknown action {action.Kind}.");
        }
    }

    // An action's values for the target's fields, its texts rendered with the record: for a number or yes/no field, the
    // text is read as one ({{ count | plus: 1 }}); the target's own rules then check every value as a request's.
    private static async Task<JsonObject> ValuesAsync(IEnumerable<KeyValuePair<string, JsonElement>> values, Dictionary<string, object?> record, TableModel target)
    {
        var rendered = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                rendered[name] = JsonNode.Parse(value.GetRawText());
                continue;
            }

            var text = (await AutomationTemplates.RenderAsync(value.GetString()!, record)).Trim();
            rendered[name] = target.Fields.GetValueOrDefault(name)?.Type switch
            {
                FieldType.WholeNumber or FieldType.Number or FieldType.Boolean when Literal(text) is { } literal => literal,
                FieldType.Money when Money.Parse(text) is { } money => JsonSerializer.SerializeToNode(money, JsonSerializerOptions.Web),
                _ => JsonValue.Create(text),
            };
        }

        return rendered;

        static JsonNode? Literal(string text)
        {
            try
            {
                return JsonNode.Parse(text) is JsonValue literal && literal.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? literal : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The records (of every company) a scheduled automation acts on now: those matching its condition, oldest first, at
    /// most <see cref="MaxScheduledRecords"/>; each becomes a job, enqueued with the schedule's record of this run.
    /// </summary>
    public async Task EnqueueScheduledAsync(EntityModel model, AutomationDto automation, CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command);
        string Parameter(object? value) => DataService.Parameter(command, value);
        var condition = automation.Condition is null ? "true"
            : RecordFilters.Condition(automation.Condition, model.OwnPaths, Parameter, _ => "false", "t", RecordAccess.Variables(null, null));
        command.CommandText = $"SELECT t.id, t.company_id FROM {model.Table} t WHERE {condition} ORDER BY t.id LIMIT {MaxScheduledRecords}";
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        while (await reader.ReadAsync(cancellationToken))
            db.Publish(new AutomationTriggeredIntegrationEvent(model.Name, automation.Name, reader.GetGuid(0), reader.GetGuid(1), 0));
    }
}
