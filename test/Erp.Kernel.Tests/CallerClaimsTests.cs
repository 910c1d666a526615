using System.Security.Claims;
using Erp.Kernel.Security;
using Shouldly;

namespace Erp.Kernel.Tests;

/// <summary>Who is acting, as read once from a principal's claims: what <see cref="ClaimsPrincipal.FindFirst(string)"/> found.</summary>
public sealed class CallerClaimsTests
{
    private static readonly Guid User = Guid.Parse("0b1f3c52-7c1e-4f5a-9d0e-2f6a3b8c9d10");

    [Fact]
    public void AUsersToken_NamesTheUser_AndNoClient()
    {
        var claims = CallerClaims.Of(Principal(("sub", User.ToString()), ("client_id", "erp-spa"), ("name", "ada")));

        claims.UserId.ShouldBe(User);
        claims.ClientId.ShouldBeNull();
        claims.Subject.ShouldBe(User.ToString());
        claims.Name.ShouldBe("ada");
    }

    [Fact]
    public void AClientActingOnItsOwnBehalf_IsNeverTakenForAUser()
    {
        // Even a client whose id reads as a GUID.
        var claims = CallerClaims.Of(Principal(("sub", User.ToString()), ("client_id", User.ToString())));

        claims.ClientId.ShouldBe(User.ToString());
        claims.UserId.ShouldBeNull();
    }

    [Fact]
    public void ACookieSignIn_NamesTheUserByItsNameIdentifier()
    {
        CallerClaims.Of(Principal((ClaimTypes.NameIdentifier, User.ToString()))).UserId.ShouldBe(User);
    }

    [Fact]
    public void ClaimTypesAreMatchedIgnoringCase_AndTheFirstClaimOfEachIdentityInTurnWins()
    {
        var other = Guid.NewGuid();
        var principal = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim("SUB", User.ToString())], "first"),
            new ClaimsIdentity([new Claim("sub", other.ToString()), new Claim("Name", "grace")], "second"),
        ]);

        var claims = CallerClaims.Of(principal);

        claims.UserId.ShouldBe(User);
        claims.UserId.ShouldBe(Guid.Parse(principal.FindFirstValue("sub")!));
        claims.Name.ShouldBe("grace");
    }

    [Fact]
    public void Nobody_IsNeitherUserNorClient()
    {
        var claims = CallerClaims.Of(new ClaimsPrincipal(new ClaimsIdentity()));

        claims.UserId.ShouldBeNull();
        claims.ClientId.ShouldBeNull();
        claims.Subject.ShouldBeNull();
    }

    [Fact]
    public void APrincipalsClaimsAreReadOnce()
    {
        var principal = Principal(("sub", User.ToString()));

        CallerClaims.Of(principal).ShouldBeSameAs(CallerClaims.Of(principal));
        CallerClaims.Of(Principal(("sub", User.ToString()))).ShouldNotBeSameAs(CallerClaims.Of(principal));
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
