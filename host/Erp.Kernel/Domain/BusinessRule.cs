namespace Erp.Kernel.Domain;

/// <summary>
/// A text shown to a person, by its translation key and the values it names: translated into the reader's language
/// where it is shown (<see cref="Localization.CatalogStringLocalizer"/>), never composed in English in code.
/// </summary>
public sealed record LocalizableText(string Key, params object?[] Arguments)
{
    public bool Equals(LocalizableText? other) => other is not null && Key == other.Key && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Key, Arguments.Length);

    public override string ToString() => Arguments.Length == 0 ? Key : $"{Key}({string.Join(", ", Arguments)})";
}

/// <summary>
/// A named business rule with a stable code that clients branch on; the code is also the key of its text, and
/// <paramref name="Arguments"/> the values the text names. A rule that needs a query gets the query's answer as an
/// argument from the application service.
/// </summary>
public sealed record BusinessRule(string Code, bool IsBroken, params object?[] Arguments)
{
    public void ThrowIfBroken()
    {
        if (IsBroken) throw new BusinessRuleException(Code, Arguments);
    }
}

/// <summary>
/// A refusal answered as a problem: <see cref="Code"/> is stable for clients to branch on and is the translation key of
/// the problem's detail, which names <see cref="Arguments"/>. The message (for logs only) is the code and arguments.
/// </summary>
public abstract class ErpProblemException(string code, object?[] arguments, Exception? cause = null)
    : Exception(new LocalizableText(code, arguments).ToString(), cause)
{
    public string Code { get; } = code;

    public IReadOnlyList<object?> Arguments { get; } = arguments;
}

/// <summary>A broken business rule: answered with 409 and the rule's code.</summary>
public sealed class BusinessRuleException(string code, params object?[] arguments) : ErpProblemException(code, arguments);

/// <summary>
/// The caller may use the endpoint but not do this with it (give a role they could not hold, act on an administrator's
/// account): answered with 403 and the code, before anything is written.
/// </summary>
public sealed class ForbiddenException(string code, params object?[] arguments) : ErpProblemException(code, arguments);

/// <summary>The requested resource does not exist (or is hidden from the caller): answered with 404 and the code.</summary>
public sealed class NotFoundException(string code, params object?[] arguments) : ErpProblemException(code, arguments);

/// <summary>
/// The request is well-formed but refers to something that cannot be used (an unknown permission, a role
/// that does not exist): answered with 422 and the code. Shape errors are 400 <c>validation</c> instead.
/// </summary>
public sealed class RequestRejectedException(string code, params object?[] arguments) : ErpProblemException(code, arguments);

/// <summary>
/// Values the request carries that are wrong in themselves, checked by the use case because the rules are only known at
/// run time (a setting's type and range): answered with 400 <c>validation</c> and the errors per field, like the
/// shape checks of the request binding, before anything is written.
/// </summary>
public sealed class InvalidFieldsException(IReadOnlyDictionary<string, LocalizableText[]> errors)
    : Exception($"Invalid fields: {string.Join(", ", errors.Keys)}.")
{
    public IReadOnlyDictionary<string, LocalizableText[]> Errors { get; } = errors;

    public InvalidFieldsException(string field, string key, params object?[] arguments)
        : this(new Dictionary<string, LocalizableText[]> { [field] = [new LocalizableText(key, arguments)] }) { }
}

/// <summary>The request's body is larger than the endpoint takes (an upload over its container's limit): answered with 413 and the code.</summary>
public sealed class PayloadTooLargeException(string code, params object?[] arguments) : ErpProblemException(code, arguments);

/// <summary>
/// A service the request needs is down (object storage, a virus scanner): answered with 503, <c>Retry-After</c> and the
/// code, after the work is undone. The cause stays in <see cref="Exception.InnerException"/> for the log.
/// </summary>
public sealed class ServiceUnavailableException(string code, Exception? cause, params object?[] arguments)
    : ErpProblemException(code, arguments, cause);
