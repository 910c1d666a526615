using System.ComponentModel.DataAnnotations;

namespace Erp.Identity.Account;

/// <summary>What an authenticator app needs: the shared key and an otpauth:// URI (also drawn as a QR code).</summary>
public sealed record TwoFactorSetupDto(bool Enabled, string SharedKey, string AuthenticatorUri, string QrCodeSvg, int RecoveryCodesLeft);

public sealed record EnableTwoFactorRequest([Required, StringLength(8, MinimumLength = 6)] string Code);

/// <summary>Shown once; each code signs in once when the authenticator is lost.</summary>
public sealed record RecoveryCodesDto(IReadOnlyList<string> Codes);
