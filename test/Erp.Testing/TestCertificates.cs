using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Erp.Testing;

/// <summary>A self-signed RSA certificate made once per test run, as base64 PKCS#12: the host's signing and encryption key.</summary>
public static class TestCertificates
{
    private static readonly Lazy<string> Certificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Erp test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx));
    });

    public static string Pfx => Certificate.Value;
}
