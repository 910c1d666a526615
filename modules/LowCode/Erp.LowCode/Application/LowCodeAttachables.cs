using Erp.BlobStoring;
using Erp.LowCode.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>
/// Every low-code entity takes attachments, as <c>data-&lt;entity&gt;</c>: listed and downloaded by holders of its read
/// permission, attached and removed by holders of its update permission, for the records they see (company, record rules).
/// </summary>
internal sealed class LowCodeAttachables(EntityModels models) : IRuntimeAttachableEntities
{
    public const string Prefix = "data-";

    public static string EntityType(string entity) => Prefix + entity;

    public async ValueTask<AttachableEntityDefinition?> FindAsync(string entityType, CancellationToken cancellationToken)
    {
        if (!entityType.StartsWith(Prefix, StringComparison.Ordinal) || await models.GetAsync(entityType[Prefix.Length..], cancellationToken) is not { } model) return null;
        return new AttachableEntityDefinition(entityType, DataPermissions.Read(model.Name), DataPermissions.Update(model.Name),
            (services, id, ct) => services.GetRequiredService<DataService>().ExistsAsync(model.Name, id, ct));
    }
}
