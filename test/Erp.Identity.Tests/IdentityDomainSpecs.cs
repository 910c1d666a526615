using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Shouldly;
using DomainRole = Erp.Identity.Domain.Role;
using DomainUser = Erp.Identity.Domain.User;

namespace Erp.Identity.Tests;

/// <summary>Identity's aggregates and rules on their own: no host, no database.</summary>
public sealed class IdentityDomainSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ANewUser_CanBeLockedOut_AndHasAnUnguessableSecurityStamp()
    {
        var user = new DomainUser(" ada ", " ada@erp.test ", null, Now);

        (user.UserName, user.Email, user.CreatedAt).ShouldBe(("ada", "ada@erp.test", Now));
        user.LockoutEnabled.ShouldBeTrue();
        user.EmailConfirmed.ShouldBeFalse();
        user.SecurityStamp.ShouldNotBeNullOrWhiteSpace();
        new DomainUser("bob", "bob@erp.test", null, Now).SecurityStamp.ShouldNotBe(user.SecurityStamp);
    }

    [Theory]
    [InlineData("  Ada Lovelace ", "Ada Lovelace")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void ADisplayName_IsTrimmed_AndABlankOneIsNone(string? given, string? kept)
    {
        var user = new DomainUser("ada", "ada@erp.test", "Someone", Now);

        user.ChangeDisplayName(given);

        user.DisplayName.ShouldBe(kept);
    }

    [Fact]
    public void ConfirmingTheEmail_MarksTheAddressAsTheUsers()
    {
        var user = new DomainUser("ada", "ada@erp.test", null, Now);

        user.ConfirmEmail();

        user.EmailConfirmed.ShouldBeTrue();
    }

    [Fact]
    public void ABuiltInRole_IsNeverRenamed_NorDeleted()
    {
        var admin = new DomainRole("admin", isStatic: true);

        Should.Throw<BusinessRuleException>(() => admin.Rename("owners")).Code.ShouldBe("identity.role.static");
        Should.Throw<BusinessRuleException>(admin.Delete).Code.ShouldBe("identity.role.static");
        admin.Name.ShouldBe("admin");
        admin.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void ARoleOfTheCompany_IsRenamedTrimmed_AndAnnouncesItsDeletion()
    {
        var clerks = new DomainRole("clerks");

        clerks.Rename("  accounting clerks ");
        clerks.Delete();

        clerks.Name.ShouldBe("accounting clerks");
        clerks.DomainEvents.ShouldBe([new RoleDeleted(clerks.Id)]);
    }

    [Fact]
    public void AnInvitedUser_IsAnnounced_SoALinkToChooseAPasswordGoesOut_ButAUserMadeDirectlyIsNot()
    {
        var invited = DomainUser.Invite("ada", "ada@erp.test", null, Now);

        invited.DomainEvents.ShouldBe([new UserInvited(invited.Id, "ada", "ada@erp.test")]);
        new DomainUser("admin", "admin@erp.test", null, Now).DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void AskingForANewAddress_ChangesNothingYet_AndIsAnnounced()
    {
        var user = new DomainUser("ada", "ada@erp.test", null, Now);

        user.RequestEmailChange(" ada@new.test ");

        user.Email.ShouldBe("ada@erp.test");
        user.DomainEvents.ShouldBe([new EmailChangeRequested(user.Id, "ada@new.test")]);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void TheLastActiveAdministrator_IsKept(bool wouldLeaveNone, bool broken)
    {
        var rule = UserRules.KeepAnActiveAdministrator(wouldLeaveNone);

        rule.IsBroken.ShouldBe(broken);
        rule.Code.ShouldBe("identity.user.last-administrator");
    }
}
