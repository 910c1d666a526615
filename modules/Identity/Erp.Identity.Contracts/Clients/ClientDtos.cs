using System.ComponentModel.DataAnnotations;

namespace Erp.Identity.Clients;

/// <summary>An application that signs in: the SPA (public) or an integration (confidential, client credentials).</summary>
public sealed record ClientDto(string ClientId, string? DisplayName, string Type);

/// <summary>Registers an integration client using client credentials.</summary>
public sealed record CreateClientRequest(
    [Required, StringLength(ClientLimits.MaxClientId, MinimumLength = 3), RegularExpression("^[a-z0-9][a-z0-9._-]+$")] string ClientId,
    [Required, StringLength(ClientLimits.MaxDisplayName)] string DisplayName);

/// <summary>The secret is shown once, here; only its hash is stored.</summary>
public sealed record CreatedClientDto(string ClientId, string ClientSecret);

public static class ClientLimits
{
    public const int MaxClientId = 64;
    public const int MaxDisplayName = 128;
}
