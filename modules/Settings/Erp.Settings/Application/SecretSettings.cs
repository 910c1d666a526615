using System.Collections.Concurrent;
using System.Security.Cryptography;
using Erp.Kernel.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace Erp.Settings.Application;

/// <summary>
/// Encrypts secret settings with ASP.NET Core Data Protection, whose keys every instance shares (the identity module keeps
/// them in PostgreSQL). The purpose includes the setting's name, so a ciphertext copied into another setting's row does
/// not decrypt there.
/// </summary>
internal sealed class SecretSettings(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Erp.Settings.Secret");
    private readonly ConcurrentDictionary<string, IDataProtector> _perSetting = new(StringComparer.Ordinal);

    public string Protect(string name, string value) => For(name).Protect(value);

    public string Unprotect(string name, string ciphertext)
    {
        try
        {
            return For(name).Unprotect(ciphertext);
        }
        catch (CryptographicException e)
        {
            throw new SettingUnreadableException(name, e);
        }
    }

    private IDataProtector For(string name) => _perSetting.GetOrAdd(name, static (n, root) => root.CreateProtector(n), _protector);
}
