using Erp.Identity.Application;
using Erp.Identity.Clients;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Identity.Http;

internal static class ClientEndpoints
{
    public static void MapClientEndpoints(this IEndpointRouteBuilder api)
    {
        var clients = api.MapGroup("/api/identity/clients").WithTags("Clients").WithStandardProblems();
        clients.MapGet("", ListAsync).WithName("ListClients").RequirePermission(IdentityPermissions.Clients.Default);
        clients.MapPost("", CreateAsync).WithName("CreateClient").RequirePermission(IdentityPermissions.Clients.Manage)
            .WithSummary("Registers an integration client (client credentials). The response holds its secret: the only time it is shown.");
        clients.MapDelete("/{clientId}", DeleteAsync).WithName("DeleteClient").RequirePermission(IdentityPermissions.Clients.Manage);
    }

    private static async Task<Ok<IReadOnlyList<ClientDto>>> ListAsync(ClientService clients, CancellationToken ct) =>
        TypedResults.Ok(await clients.ListAsync(ct));

    private static async Task<Created<CreatedClientDto>> CreateAsync(CreateClientRequest body, ClientService clients, CancellationToken ct)
    {
        var client = await clients.CreateAsync(body, ct);
        return TypedResults.Created($"/api/identity/clients/{client.ClientId}", client);
    }

    private static async Task<NoContent> DeleteAsync(string clientId, ClientService clients, CancellationToken ct)
    {
        await clients.DeleteAsync(clientId, ct);
        return TypedResults.NoContent();
    }
}
