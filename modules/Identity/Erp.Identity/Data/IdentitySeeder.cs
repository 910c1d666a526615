using System.Security.Cryptography;
using Erp.Identity.Application;
using Erp.Identity.Domain;
using Erp.Kernel.Data;
using Erp.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcPermissions = OpenIddict.Abstractions.OpenIddictConstants.Permissions;

namespace Erp.Identity.Data;

/// <summary>
/// The built-in administrator role, the first administrator and the SPA's client registration. There is no
/// default password: the first administrator's comes from <c>Identity:Admin:Password</c>, or, on a local set-up
/// with demo data, is generated and printed once.
/// </summary>
internal sealed class IdentitySeeder(
    IdentityDbContext db,
    UserManager<User> users,
    RoleManager<Role> roles,
    IOpenIddictApplicationManager applications,
    IOptions<IdentitySettings> settings,
    TimeProvider clock,
    ILogger<IdentitySeeder> logger) : IDataSeeder
{
    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        var adminRole = await roles.FindByNameAsync(PermissionRoles.Administrator);
        if (adminRole is null)
        {
            adminRole = new Role(PermissionRoles.Administrator, isStatic: true);
            IdentityResults.ThrowIfFailed(await roles.CreateAsync(adminRole));
        }

        await SeedFirstAdministratorAsync(adminRole, context, cancellationToken);
        await SeedSpaClientAsync(cancellationToken);
    }

    private async Task SeedFirstAdministratorAsync(Role adminRole, SeedContext context, CancellationToken cancellationToken)
    {
        if (await db.UserRoles.AnyAsync(r => r.RoleId == adminRole.Id, cancellationToken)) return;

        var admin = settings.Value.Admin;
        var password = admin.Password;
        if (string.IsNullOrEmpty(password))
        {
            if (!context.IncludeDemoData)
            {
                logger.LogWarning("No administrator exists. Set Identity:Admin:Password (and Email) and migrate again to create one.");
                context.Report("Identity: no administrator; set Identity:Admin:Password and Identity:Admin:Email, then migrate again.");
                return;
            }

            password = GeneratePassword();
        }

        if (await users.FindByNameAsync(admin.UserName) is not null)
        {
            // Never promote, or set the password of, an account someone else may already hold.
            context.Report($"Identity: no administrator, and user '{admin.UserName}' exists; set Identity:Admin:UserName to a new name.");
            return;
        }

        var user = new User(admin.UserName, admin.Email ?? $"{admin.UserName}@localhost", "Administrator", clock.GetUtcNow());
        user.ConfirmEmail(); // configured by the operator, not typed in by a stranger
        IdentityResults.ThrowIfFailed(await users.CreateAsync(user, password));
        IdentityResults.ThrowIfFailed(await users.AddToRoleAsync(user, adminRole.Name!));

        if (string.IsNullOrEmpty(admin.Password))
            context.Report($"Identity: administrator '{user.UserName}' created with password {password}  (shown once; change it after signing in)");
        else
            context.Report($"Identity: administrator '{user.UserName}' created from configuration");
    }

    /// <summary>Creates or updates the SPA's registration from configuration, so redirect URIs follow the deployment.</summary>
    private async Task SeedSpaClientAsync(CancellationToken cancellationToken)
    {
        var spa = settings.Value.Spa;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = spa.ClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit, // first-party: no consent screen
            DisplayName = "Erp",
            Permissions =
            {
                OidcPermissions.Endpoints.Authorization, OidcPermissions.Endpoints.Token, OidcPermissions.Endpoints.Revocation, OidcPermissions.Endpoints.EndSession,
                OidcPermissions.GrantTypes.AuthorizationCode, OidcPermissions.GrantTypes.RefreshToken, OidcPermissions.ResponseTypes.Code,
                OidcPermissions.Scopes.Profile, OidcPermissions.Scopes.Email, OidcPermissions.Scopes.Roles, OidcPermissions.Prefixes.Scope + OidcScopes.Api,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in spa.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        foreach (var uri in spa.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));

        var existing = await applications.FindByClientIdAsync(spa.ClientId, cancellationToken);
        if (existing is null) await applications.CreateAsync(descriptor, cancellationToken);
        else await applications.UpdateAsync(existing, descriptor, cancellationToken);
    }

    // 20 characters from an alphabet without look-alikes, with each class the password policy asks for.
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16) + "-" + RandomNumberGenerator.GetString("23456789", 1)
            + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz", 1) + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ", 1);
    }
}
