using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Identity.Application;

/// <summary>
/// The sign-in pages' session ends <see cref="SessionSettings.CookieAbsoluteLifetime"/> after the password was entered,
/// however often it slid: the cookie remembers when the user signed in, and renewals keep that time.
/// </summary>
internal static class SessionCookie
{
    private const string SignedInAt = "erp.signed-in-at";

    public static void CapLifetime(CookieAuthenticationOptions options, TimeSpan absoluteLifetime)
    {
        var validateStamp = options.Events.OnValidatePrincipal; // Identity's security stamp check
        // A refreshed sign-in (after a security change) carries the original properties, so the first time stays.
        options.Events.OnSigningIn = context =>
        {
            context.Properties.Items.TryAdd(SignedInAt, Now(context.HttpContext).ToString("O", CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            if (!context.Properties.Items.TryGetValue(SignedInAt, out var value)
                || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                || Now(context.HttpContext) - signedInAt > absoluteLifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await validateStamp(context);
        };
    }

    private static DateTimeOffset Now(Microsoft.AspNetCore.Http.HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
