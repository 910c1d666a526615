using System.ComponentModel.DataAnnotations;

namespace Erp.Identity.Account;

/// <summary>
/// What an authenticator app needs while two-step verification is being set up: the shared key and an otpauth://
/// URI (also drawn as a QR code). Once it is on, the key is never shown again (all three are null).
/// </summary>
public sealed record TwoFactorSetupDto(bool Enabled, string? SharedKey, string? AuthenticatorUri, string? QrCodeSvg, int RecoveryCodesLeft);

/// <summary>Proof that the account's owner is at the keyboard: the current password, or a code from the authenticator app.</summary>
public sealed record ConfirmIdentityRequest([StringLength(256)] string? Password, [StringLength(8, MinimumLength = 6)] string? Code);

public sealed record EnableTwoFactorRequest([Required, StringLength(8, MinimumLength = 6)] string Code);

/// <summary>Shown once; each code signs in once when the authenticator is lost.</summary>
public sealed record RecoveryCodesDto(IReadOnlyList<string> Codes);
