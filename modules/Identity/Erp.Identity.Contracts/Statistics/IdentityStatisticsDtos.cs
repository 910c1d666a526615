namespace Erp.Identity.Statistics;

/// <summary>Every user, by what their account can do now.</summary>
/// <param name="Active">Has a password and is not locked.</param>
/// <param name="Locked">Locked now, by an administrator or after failed sign-ins.</param>
/// <param name="Invited">Has no password yet: the owner has not followed the mailed link (a new account, or a reset an administrator forced).</param>
public sealed record UserStatisticsDto(int Total, int Active, int Locked, int Invited);

/// <summary>Sign-ins per day (UTC), oldest first, one entry for every day of the range, days without any included.</summary>
public sealed record SignInStatisticsDto(IReadOnlyList<SignInDayDto> Days);

/// <param name="Succeeded">Completed sign-ins (after the second step, where there is one).</param>
/// <param name="Failed">Wrong passwords or codes, and sign-ins refused because the account is locked out.</param>
public sealed record SignInDayDto(DateOnly Day, int Succeeded, int Failed);
