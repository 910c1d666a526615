using System.Collections.Concurrent;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Erp.Kernel.Data;

/// <summary>
/// A context's migrations as EF Core's migrations assembly finds them (a class of the context's assembly with
/// <c>[DbContext(typeof(TContext))]</c> and <c>[Migration("id")]</c>), read from the assembly's metadata. Reflection
/// (<c>GetTypes</c> and each type's attributes) loads every type of every module assembly to find them: ~0.2 s of CPU in a
/// new instance's first start-up probe, on the way to ready.
/// </summary>
internal static class MigrationMetadata
{
    private const string MigrationAttribute = "Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute";
    private const string DbContextAttribute = "Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute";

    // An assembly's migrations do not change while the process runs; an instance waiting for `migrate` asks every 5 s.
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> Known = new();

    public static IReadOnlyList<string> MigrationsOf(Type context) => Known.GetOrAdd(context, ReadMigrations);

    private static IReadOnlyList<string> ReadMigrations(Type context)
    {
        using var assembly = new PEReader(File.OpenRead(context.Assembly.Location));
        var metadata = assembly.GetMetadataReader();
        var migrations = new List<string>();
        foreach (var type in metadata.TypeDefinitions)
        {
            string? id = null, contextName = null;
            foreach (var handle in metadata.GetTypeDefinition(type).GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                switch (TypeName(metadata, attribute))
                {
                    case MigrationAttribute: id = StringArgument(metadata, attribute); break;
                    case DbContextAttribute: contextName = StringArgument(metadata, attribute); break;
                }
            }

            // The model snapshot names the context too, and is no migration.
            if (id is not null && Names(contextName, context)) migrations.Add(id);
        }

        migrations.Sort(StringComparer.Ordinal); // EF Core's order: by id
        return migrations.AsReadOnly(); // shared by every caller
    }

    private static string? TypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference) return null; // declared in this assembly: not EF Core's
        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return null;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
    }

    // Both attributes take one argument, a string or a type, which metadata stores alike: a serialized string after the prolog.
    private static string? StringArgument(MetadataReader metadata, CustomAttribute attribute)
    {
        var value = metadata.GetBlobReader(attribute.Value);
        value.ReadUInt16();
        return value.ReadSerializedString();
    }

    // A type argument is the type's full name, assembly-qualified when it lives in another assembly.
    private static bool Names(string? typeName, Type context) =>
        typeName is not null && typeName.Split(',')[0].Trim() == context.FullName;
}
