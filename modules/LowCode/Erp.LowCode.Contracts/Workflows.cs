using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// The states a record of an entity goes through and the transitions between them. The state is a choice field of the
/// entity (<paramref name="Field"/>, whose choices are the states' names): a new record starts in the initial state, and
/// from then on only a transition changes it, through <c>POST /api/data/{entity}/{id}/transitions/{transition}</c>.
/// </summary>
public sealed record WorkflowDto(
    [property: Required, StringLength(63)] string Field,
    [property: Required, MaxLength(50)] IReadOnlyList<WorkflowStateDto> States,
    [property: Required, MaxLength(100)] IReadOnlyList<WorkflowTransitionDto> Transitions);

/// <param name="Name">One of the state field's choices.</param>
/// <param name="Initial">Where every new record starts: exactly one state is.</param>
/// <param name="ReadOnly">A record in this state is neither changed nor deleted (a posted invoice); transitions still move it.</param>
public sealed record WorkflowStateDto(
    [property: Required, StringLength(100)] string Name,
    [property: Required, StringLength(200)] string Label,
    bool Initial = false,
    bool ReadOnly = false);

/// <summary>
/// A move from any of <paramref name="From"/> to <paramref name="To"/>, allowed to holders of its permission
/// (<c>Data.&lt;entity&gt;.Transitions.&lt;name&gt;</c>) when the record matches <paramref name="Condition"/>, if any (a filter on
/// the entity's own fields).
/// </summary>
public sealed record WorkflowTransitionDto(
    [property: Required, StringLength(50)] string Name,
    [property: Required, StringLength(200)] string Label,
    [property: Required, MaxLength(50)] IReadOnlyList<string> From,
    [property: Required, StringLength(100)] string To,
    RecordFilter? Condition = null);

/// <param name="Version">The record's version the transition is based on: a stale one is a 409.</param>
/// <param name="Comment">Why, kept in the record's state history.</param>
public sealed record TransitionRequest(uint Version, [property: StringLength(1000)] string? Comment = null);

/// <summary>One step of a record's state history: its first state (no <paramref name="From"/>, no transition) or a transition.</summary>
public sealed record StateChangeDto(Guid Id, string? From, string To, string? Transition, string? Comment, DateTimeOffset At, Guid? By);
