using System.Security.Cryptography.X509Certificates;
using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Kernel.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Erp.Identity.Application;

/// <summary>ASP.NET Core Identity, the OpenIddict server and validation, and the shared data-protection key ring.</summary>
internal static class IdentityServices
{
    public static void AddErpIdentity(this IServiceCollection services, IdentitySettings settings, IHostEnvironment environment)
    {
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = settings.Lockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.Lockout.Minutes);
                o.SignIn.RequireConfirmedEmail = true;
                // The claim types OpenID Connect uses, so the cookie principal and tokens agree.
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
                o.ClaimsIdentity.EmailClaimType = Claims.Email;
                o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddRoles<Role>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddUserStore<UserStore>()
            .AddRoleStore<RoleStore>()
            .AddSignInManager<PasswordSignIn>()
            // Links in mail (address confirmation and change) and authenticator apps; no SMS or mailed codes.
            .AddTokenProvider<DataProtectorTokenProvider<User>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<AuthenticatorTokenProvider<User>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddTokenProvider<NewAccountTokenProvider>(NewAccountTokenProvider.ProviderName);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = settings.Links.EmailConfirmationLifetime);
        services.Configure<PasswordResetTokenProviderOptions>(o =>
        {
            o.Name = PasswordResetTokenProvider.ProviderName;
            o.TokenLifespan = settings.Links.PasswordResetLifetime;
        });
        services.Configure<NewAccountTokenProviderOptions>(o =>
        {
            o.Name = NewAccountTokenProvider.ProviderName;
            o.TokenLifespan = settings.Links.NewAccountLifetime;
        });

        // APIs read bearer tokens (validated by OpenIddict, remembered per instance); the cookie is only the sign-in
        // pages' session with this server.
        services.AddSingleton<TokenStatus>().AddSingleton<ValidatedTokens>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, BearerAuthenticationHandler.Configure)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = "erp.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                SessionCookie.CapLifetime(o, settings.Sessions.CookieAbsoluteLifetime);
            }));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = settings.Sessions.SecurityStampCheckInterval);

        var signing = Certificate(settings.Keys.SigningCertificate, settings.Keys.SigningCertificatePassword);
        // One key pair may serve both; reading a PKCS#12 file (its key derivation) is ~20 ms of every start.
        var encryption = settings.Keys.EncryptionCertificate == settings.Keys.SigningCertificate
                         && settings.Keys.EncryptionCertificatePassword == settings.Keys.SigningCertificatePassword
            ? signing
            : Certificate(settings.Keys.EncryptionCertificate, settings.Keys.EncryptionCertificatePassword);
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, OidcScopes.Api);
                o.SetAccessTokenLifetime(settings.Tokens.AccessTokenLifetime);
                o.SetRefreshTokenLifetime(settings.Tokens.RefreshTokenLifetime);
                o.SetRefreshTokenReuseLeeway(settings.Tokens.RefreshTokenReuseLeeway);
                // Access tokens are signed JWTs, not encrypted ones: decrypting (RSA-OAEP) on every API call cost more
                // than the rest of the request; they carry ids and names only, and stay revocable (entry validation).
                o.DisableAccessTokenEncryption();
                if (settings.PublicOrigin is { } origin) o.SetIssuer(new Uri(origin));

                if (signing is not null && encryption is not null) o.AddSigningCertificate(signing).AddEncryptionCertificate(encryption);
                else if (environment.IsDevelopment()) o.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
                else throw new InvalidOperationException("Identity:Keys:SigningCertificate and Identity:Keys:EncryptionCertificate are required outside Development.");

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (environment.IsDevelopment()) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                o.AddAudiences(OidcScopes.Api); // tokens issued for the API only (TokenClaims sets the audience with the erp_api scope)
                // Instead of OpenIddict's token and authorization entry look-ups: the same checks, answered from a
                // short-lived cache (Identity:Tokens:StatusCacheDuration).
                o.AddEventHandler(TokenStatusCheck.Descriptor);
            });
        services.AddSingleton<TokenStatusCheck>();
        OidcRequestHandlers.AddTo(services);

        var dataProtection = services.AddDataProtection().SetApplicationName("Erp");
        if (encryption is not null) dataProtection.ProtectKeysWithCertificate(encryption).UnprotectKeysWithAnyCertificate(encryption);
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new PostgresXmlRepository(dataSource));
        // Data protection's hosted service loads the key ring (a query, each key decrypted with the certificate: 0.3 s)
        // on the main thread before the host serves; a warm-up does the same once the modules have started, beside the
        // rest of the start-up.
        services.AddStartupWarmup((provider, _) =>
        {
            provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Erp.StartupWarmup").Protect([]);
            return Task.CompletedTask;
        }, replaced: d => d.ImplementationType?.Assembly == typeof(KeyManagementOptions).Assembly);
    }

    /// <summary>A PKCS#12 certificate from a file path or from base64 text (an environment variable or secret store).</summary>
    private static X509Certificate2? Certificate(string? value, string? password)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        const X509KeyStorageFlags flags = X509KeyStorageFlags.EphemeralKeySet;
        return File.Exists(value)
            ? X509CertificateLoader.LoadPkcs12FromFile(value, password, flags)
            : X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(value), password, flags);
    }
}
