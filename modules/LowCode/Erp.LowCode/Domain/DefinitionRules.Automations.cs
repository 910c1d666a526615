using System.Text.Json;
using Cronos;

namespace Erp.LowCode.Domain;

/// <summary>The rules an entity's automations follow (<see cref="AutomationDto"/>).</summary>
public static partial class DefinitionRules
{
    // Each automation a name of its own, a trigger that names what exists (a visible field, a state of the workflow, a
    // five-field schedule), a condition that compiles, and actions that can run: texts that parse as templates, a field
    // the server lets be set, an entity that exists. A value's fit to its field is checked when it runs (it may be a template).
    // A module's or plugin's entity (its extension's automations, given the events it has) is written by its owner, not by
    // the engine: its automations run on the owner's events and on its workflow's states, and call no webhook (those are
    // low-code entities' subscriptions).
    private static List<AutomationDto> Automations(string entity, IReadOnlyList<AutomationDto> request, IReadOnlyList<FieldDefinition> fields, Workflow? workflow,
        IReadOnlySet<string> entities, Action<string, string, object?[]> add, IReadOnlySet<string>? ownerEvents = null)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var settable = fields.Where(f => f.HasColumn && !f.Deleted && f.Type != FieldType.Autonumber && f.Expression is null && f.Name != workflow?.Field).Select(f => f.Name)
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < request.Count; i++)
        {
            var (key, automation) = ($"automations[{i}]", request[i]);
            void Invalid(string part) => add($"{key}.{part}", LowCodeErrors.AutomationInvalid, [automation.Name]);
            if (!Identifier().IsMatch(automation.Name) || !names.Add(automation.Name)) Invalid("name");
            var trigger = automation.Trigger;
            var triggerFits = trigger.Kind switch
            {
                AutomationTriggerKind.StateEntered => workflow?.States.Any(s => s.Name == trigger.State) == true,
                AutomationTriggerKind.Event => trigger.Event is not null && ownerEvents?.Contains(trigger.Event) == true,
                _ when ownerEvents is not null => false,
                AutomationTriggerKind.FieldChanged => fields.Any(f => f.Name == trigger.Field && f.HasColumn && !f.Deleted),
                AutomationTriggerKind.Schedule => trigger.Cron is not null && CronExpression.TryParse(trigger.Cron, CronFormat.Standard, out _),
                _ => Enum.IsDefined(trigger.Kind),
            };
            if (!triggerFits) Invalid("trigger");
            if (automation.Condition is { } condition) CheckFilter(condition, $"{key}.condition", fields, add);
            for (var a = 0; a < automation.Actions.Count; a++)
            {
                var (actionKey, action) = ($"{key}.actions[{a}]", automation.Actions[a]);
                void Template(string part, string? source)
                {
                    if (string.IsNullOrWhiteSpace(source)) add($"{actionKey}.{part}", LowCodeErrors.AutomationInvalid, [automation.Name]);
                    else if (AutomationTemplates.ParseError(source) is { } error) add($"{actionKey}.{part}", LowCodeErrors.TemplateInvalid, [error]);
                }

                void Values(string part, IEnumerable<KeyValuePair<string, JsonElement>> values)
                {
                    foreach (var (name, value) in values)
                    {
                        if (!Identifier().IsMatch(name)) add($"{actionKey}.{part}", LowCodeErrors.AutomationInvalid, [automation.Name]);
                        else if (value.ValueKind == JsonValueKind.String) Template($"{part}.{name}", value.GetString());
                    }
                }

                switch (action.Kind)
                {
                    case AutomationActionKind.SendEmail:
                        Template("to", action.To);
                        Template("subject", action.Subject);
                        Template("body", action.Body);
                        break;
                    case AutomationActionKind.SetField when action.Field is { } field && settable.Contains(field) && action.Value is { } value:
                        Values("value", [new(field, value)]);
                        break;
                    case AutomationActionKind.CreateRecord when action.Entity is { } target && (target == entity || entities.Contains(target)) && action.Values is { Count: > 0 } values:
                        Values("values", values);
                        break;
                    case AutomationActionKind.CallWebhooks when ownerEvents is null:
                        break;
                    default:
                        add($"{actionKey}.kind", LowCodeErrors.AutomationInvalid, [automation.Name]);
                        break;
                }
            }
        }

        return [.. request];
    }
}
