using Erp.Kernel;

namespace Erp.Identity;

public static class IdentityPermissions
{
    public static class Users
    {
        public const string Default = "Identity.Users";
        public const string Create = "Identity.Users.Create";
        public const string Update = "Identity.Users.Update";
        public const string Lock = "Identity.Users.Lock";
        public const string SecurityLog = "Identity.Users.SecurityLog";
    }

    public static class Roles
    {
        public const string Default = "Identity.Roles";
        public const string Manage = "Identity.Roles.Manage";
    }

    public static class Clients
    {
        public const string Default = "Identity.Clients";
        public const string Manage = "Identity.Clients.Manage";
    }

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Users.Default, "See users"),
        new(Users.Create, "Create users", Users.Default),
        new(Users.Update, "Change users and their roles", Users.Default),
        new(Users.Lock, "Lock and unlock users, force password resets", Users.Default),
        new(Users.SecurityLog, "Read users' security logs", Users.Default),
        new(Roles.Default, "See roles"),
        new(Roles.Manage, "Create, rename and delete roles", Roles.Default),
        new(Clients.Default, "See integration clients"),
        new(Clients.Manage, "Create and delete integration clients", Clients.Default),
    ];
}

/// <summary>Stable error codes of the identity module: clients branch on these, never on messages.</summary>
public static class IdentityErrors
{
    public const string UserNotFound = "identity.user.not-found";
    public const string UserNameTaken = "identity.user.name-taken";
    public const string EmailTaken = "identity.user.email-taken";
    public const string PasswordRejected = "identity.user.password-rejected";
    public const string UserRejected = "identity.user.rejected";
    public const string CannotLockSelf = "identity.user.cannot-lock-self";
    public const string OwnRoles = "identity.user.own-roles";
    public const string AdministratorsOnly = "identity.user.administrators-only";
    public const string RoleNotHeld = "identity.user.role-not-held";
    public const string LastAdministrator = "identity.user.last-administrator";
    public const string RoleNotFound = "identity.role.not-found";
    public const string RoleNameTaken = "identity.role.name-taken";
    public const string StaticRole = "identity.role.static";
    public const string UnknownRole = "identity.user.unknown-role";
    public const string ClientNotFound = "identity.client.not-found";
    public const string ClientIdTaken = "identity.client.id-taken";
    public const string ClientIdLikeUserId = "identity.client.id-like-user-id";
    public const string HttpsRequired = "identity.https-required";
    public const string TwoFactorCodeInvalid = "identity.two-factor.code-invalid";
    public const string ConfirmationInvalid = "identity.account.confirmation-invalid";
    public const string NotAUser = "identity.account.not-a-user";
}

/// <summary>The OpenID Connect scopes the server knows, besides the standard ones.</summary>
public static class OidcScopes
{
    /// <summary>Access to Erp's REST API.</summary>
    public const string Api = "erp_api";
}
