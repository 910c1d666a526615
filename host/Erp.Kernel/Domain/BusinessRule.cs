namespace Erp.Kernel.Domain;

/// <summary>
/// A named business rule with a stable code that clients branch on. A rule that needs a query gets the
/// query's answer as an argument from the application service.
/// </summary>
public sealed record BusinessRule(string Code, bool IsBroken, string Message)
{
    public void ThrowIfBroken()
    {
        if (IsBroken) throw new BusinessRuleException(Code, Message);
    }
}

/// <summary>A broken business rule: answered with 409 and the rule's code.</summary>
public sealed class BusinessRuleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The caller may use the endpoint but not do this with it (give a role they could not hold, act on an administrator's
/// account): answered with 403 and the code, before anything is written.
/// </summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The requested resource does not exist (or is hidden from the caller): answered with 404 and the code.</summary>
public sealed class NotFoundException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static NotFoundException For<TEntity>(string code, object id) =>
        new(code, $"{typeof(TEntity).Name} '{id}' was not found.");
}

/// <summary>
/// The request is well-formed but refers to something that cannot be used (an unknown permission, a role
/// that does not exist): answered with 422 and the code. Shape errors are 400 <c>validation</c> instead.
/// </summary>
public sealed class RequestRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Values the request carries that are wrong in themselves, checked by the use case because the rules are only known at
/// run time (a setting's type and range): answered with 400 <c>validation</c> and the errors per field, like the
/// shape checks of the request binding, before anything is written.
/// </summary>
public sealed class InvalidFieldsException(IReadOnlyDictionary<string, string[]> errors)
    : Exception($"Invalid fields: {string.Join(", ", errors.Keys)}.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
