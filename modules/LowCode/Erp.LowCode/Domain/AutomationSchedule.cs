namespace Erp.LowCode.Domain;

/// <summary>
/// When a scheduled automation last ran (or was first seen, for a new schedule, which then waits for its next time), so
/// each of its times runs once, across instances and restarts.
/// </summary>
public sealed class AutomationSchedule
{
    private AutomationSchedule() { }

    public string Entity { get; private set; } = null!;
    public string Automation { get; private set; } = null!;
    public DateTimeOffset LastRunAt { get; private set; }

    public static AutomationSchedule Seen(string entity, string automation, DateTimeOffset at) => new() { Entity = entity, Automation = automation, LastRunAt = at };

    public void Ran(DateTimeOffset at) => LastRunAt = at;
}
