using System.Buffers.Text;
using System.Security.Cryptography;
using Erp.Identity.Clients;
using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Erp.Permissions;
using Erp.Permissions.Events;
using OidcPermissions = OpenIddict.Abstractions.OpenIddictConstants.Permissions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Erp.Identity.Application;

/// <summary>
/// Integration clients: confidential applications using client credentials. The secret is generated here,
/// returned once, and stored only as OpenIddict's hash. What a client may do is granted like a user's permissions.
/// </summary>
internal sealed class ClientService(IdentityDbContext db, IOpenIddictApplicationManager applications, SecurityLog log)
{
    public async Task<IReadOnlyList<ClientDto>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = new List<ClientDto>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            clients.Add(new ClientDto((await applications.GetClientIdAsync(application, cancellationToken))!,
                await applications.GetDisplayNameAsync(application, cancellationToken),
                await applications.GetClientTypeAsync(application, cancellationToken) ?? ClientTypes.Public));
        }

        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A client's id becomes its tokens' subject, so it never has a user id's shape (a GUID): a client named like a
    /// user would be read as that user.
    /// </summary>
    public async Task<CreatedClientDto> CreateAsync(CreateClientRequest request, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(request.ClientId, out _))
            throw new RequestRejectedException(IdentityErrors.ClientIdLikeUserId);
        if (await applications.FindByClientIdAsync(request.ClientId, cancellationToken) is not null)
            throw new BusinessRuleException(IdentityErrors.ClientIdTaken, request.ClientId);

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName.Trim(),
            Permissions =
            {
                OidcPermissions.Endpoints.Token,
                OidcPermissions.Endpoints.Revocation,
                OidcPermissions.GrantTypes.ClientCredentials,
                OidcPermissions.Prefixes.Scope + OidcScopes.Api,
            },
        };
        await db.InTransactionAsync(async () =>
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            await log.WriteAsync(SecurityActions.ClientCreated, null, clientId: request.ClientId, cancellationToken: cancellationToken);
        }, cancellationToken);
        return new CreatedClientDto(request.ClientId, secret);
    }

    /// <summary>
    /// Deletes the client with its tokens (OpenIddict deletes them together) and publishes the deletion in the same
    /// save: the permissions module then removes the client's grants.
    /// </summary>
    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null || await applications.GetClientTypeAsync(application, cancellationToken) != ClientTypes.Confidential)
            throw new NotFoundException(IdentityErrors.ClientNotFound, clientId);
        await db.InTransactionAsync(async () =>
        {
            db.Publish(new PermissionSubjectRemovedIntegrationEvent(PermissionSubjectKind.Client, clientId));
            await applications.DeleteAsync(application, cancellationToken);
            await log.WriteAsync(SecurityActions.ClientDeleted, null, clientId: clientId, cancellationToken: cancellationToken);
        }, cancellationToken);
    }
}
