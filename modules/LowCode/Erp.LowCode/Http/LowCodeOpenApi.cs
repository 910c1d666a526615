using System.Globalization;
using System.Text.Json.Nodes;
using Erp.LowCode.Application;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Erp.LowCode.Http;

/// <summary>
/// Each low-code entity in the OpenAPI document as if it were a module's endpoints: <c>/api/data/&lt;entity&gt;</c> and
/// <c>/api/data/&lt;entity&gt;/{id}</c> with typed record, input and page schemas, so the SPA's generated client knows
/// every entity's fields; and the <c>extra</c> object of modules' and plugins' entities with the extra fields they have.
/// Made from the definitions as they are when the document is read: a change shows at once.
/// </summary>
internal sealed class LowCodeOpenApi(IServiceScopeFactory scopes, ExtensionModels extensions) : IOpenApiDocumentTransformer
{
    private const string Tag = "Low-code data";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var entities = await scope.ServiceProvider.GetRequiredService<LowCodeDbContext>().Entities.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Paths ??= new OpenApiPaths();
        foreach (var entity in entities)
        {
            var model = new EntityModel(entity);
            var name = "LowCode" + Pascal(entity.Name);
            document.Components.Schemas[name] = Record(document, name, model);
            document.Components.Schemas[name + "Input"] = Input(document, name, model);
            document.Components.Schemas[name + "Page"] = Page(document, name);
            foreach (var lines in model.Lines.Values)
            {
                document.Components.Schemas[LineSchema(name, lines)] = Line(lines, input: false);
                document.Components.Schemas[LineSchema(name, lines) + "Input"] = Line(lines, input: true);
            }

            var read = DataPermissions.Read(entity.Name);
            document.Paths[$"/api/data/{entity.Name}"] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = List(Operation(document, $"List{name}", $"{entity.PluralLabel}: filters, sort, paging.", read, null, Json(Ref(document, name + "Page")))),
                    [HttpMethod.Post] = Operation(document, $"Create{name}", $"Creates a record of {entity.Label}.", $"{read}.Create", Ref(document, name + "Input"),
                        Json(Ref(document, name)), "201"),
                },
            };
            document.Paths[$"/api/data/{entity.Name}/{{id}}"] = new OpenApiPathItem
            {
                Parameters = [Id()],
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = Operation(document, $"Get{name}", null, read, null, Json(Ref(document, name))),
                    [HttpMethod.Patch] = Operation(document, $"Update{name}", "Changes the fields given; `version` must be the record's.", $"{read}.Update",
                        Ref(document, name + "Input"), Json(Ref(document, name))),
                    [HttpMethod.Delete] = Operation(document, $"Delete{name}", null, $"{read}.Delete", null, null, "204"),
                },
            };
            foreach (var transition in model.Workflow?.Transitions ?? [])
            {
                document.Paths[$"/api/data/{entity.Name}/{{id}}/transitions/{transition.Name}"] = new OpenApiPathItem
                {
                    Parameters = [Id()],
                    Operations = new Dictionary<HttpMethod, OpenApiOperation>
                    {
                        [HttpMethod.Post] = Operation(document, $"{Pascal(transition.Name)}{name}",
                            $"{transition.Label}: from {string.Join(", ", transition.From)} to {transition.To}.", DataPermissions.Transition(entity.Name, transition.Name),
                            Ref(document, nameof(TransitionRequest)), Json(Ref(document, name))),
                    },
                };
            }
        }

        await DescribeExtraAsync(document, cancellationToken);
    }

    // The extra fields in the schemas of the owners' DTOs that carry them (named as their types are).
    private async Task DescribeExtraAsync(OpenApiDocument document, CancellationToken cancellationToken)
    {
        foreach (var owner in extensions.Owners.Values)
        {
            var model = (await extensions.GetAsync(owner.Name, cancellationToken))!;
            var extra = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = $"The extra fields of {owner.Label} (/api/low-code/extensions/{owner.Name}).",
                AdditionalPropertiesAllowed = false, Properties = model.OrderedFields.ToDictionary(f => f.Name, f => (IOpenApiSchema)Field(f)),
            };
            foreach (var type in owner.CarriedBy ?? [])
            {
                if (document.Components!.Schemas!.TryGetValue(type.Name, out var carrier) && carrier is OpenApiSchema { Properties: { } properties } && properties.ContainsKey("extra"))
                    properties["extra"] = extra;
            }
        }
    }

    private static OpenApiSchema Record(OpenApiDocument document, string name, EntityModel model)
    {
        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = new HashSet<string>() };
        foreach (var (property, type, format) in new[]
                 {
                     ("id", JsonSchemaType.String, "uuid"), ("version", JsonSchemaType.Integer, "int64"), ("companyId", JsonSchemaType.String, "uuid"),
                     ("createdAt", JsonSchemaType.String, "date-time"), ("createdBy", JsonSchemaType.String | JsonSchemaType.Null, "uuid"),
                     ("modifiedAt", JsonSchemaType.String | JsonSchemaType.Null, "date-time"), ("modifiedBy", JsonSchemaType.String | JsonSchemaType.Null, "uuid"),
                 })
        {
            schema.Properties[property] = new OpenApiSchema { Type = type, Format = format };
            schema.Required.Add(property);
        }

        foreach (var field in model.Columns) schema.Properties[field.Name] = Field(field);
        foreach (var lines in model.Lines.Values) schema.Properties[lines.Field.Name] = Lines(document, LineSchema(name, lines), lines.Field);
        if (model.Columns.Any(f => f.Type == FieldType.Reference))
        {
            schema.Properties["expanded"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = "The records the references asked for in `expand` refer to: their id and fields (a module's or plugin's record: its `display` and extra fields).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null },
            };
        }

        return schema;
    }

    private static OpenApiSchema Input(OpenApiDocument document, string name, EntityModel model)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(model.Columns.Where(f => f.Type != FieldType.Autonumber && f.Expression is null)
                .Select(f => KeyValuePair.Create(f.Name, (IOpenApiSchema)Field(f))))
            {
                ["version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The record's version, when changing it." },
            },
        };
        foreach (var lines in model.Lines.Values) schema.Properties[lines.Field.Name] = Lines(document, LineSchema(name, lines) + "Input", lines.Field);
        return schema;
    }

    private static string LineSchema(string name, LinesModel lines) => name + Pascal(lines.Field.Name) + "Line";

    private static string Pascal(string name) => string.Concat(name.Split('_').Select(p => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(p)));

    private static OpenApiSchema Lines(OpenApiDocument document, string schema, FieldDefinition field) =>
        new() { Type = JsonSchemaType.Array, Items = Ref(document, schema), Description = field.Label };

    // A line: its fields, and its id (given back in a change, to keep the line; left out for a new one).
    private static OpenApiSchema Line(LinesModel lines, bool input) => new()
    {
        Type = JsonSchemaType.Object,
        Required = input ? null : new HashSet<string> { "id" },
        Properties = new Dictionary<string, IOpenApiSchema>(lines.Columns.Select(f => KeyValuePair.Create(f.Name, (IOpenApiSchema)Field(f))))
        {
            ["id"] = new OpenApiSchema { Type = input ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Format = "uuid" },
        },
    };

    private static OpenApiOperation List(OpenApiOperation operation)
    {
        OpenApiParameter Query(string name, JsonSchemaType type, string description, string? format = null) =>
            new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type, Format = format } };
        operation.Parameters =
        [
            Query("sort", JsonSchemaType.String, "A field, or `-field` for descending; newest first by default."),
            Query("cursor", JsonSchemaType.String, "A page's `next`: the page after it (keyset paging)."),
            Query("skip", JsonSchemaType.Integer, "Records to skip (at most 10,000; use `cursor` beyond).", "int32"),
            Query("take", JsonSchemaType.Integer, "Records per page (at most 200; 0 with `count` for the count alone).", "int32"),
            Query("fields", JsonSchemaType.String, "The fields to return, comma-separated; all by default."),
            Query("expand", JsonSchemaType.String, "Reference fields (their records, under `expanded`) and lines fields to include, comma-separated."),
            Query("count", JsonSchemaType.Boolean, "Count the records (at most 10,000: `totalIsCapped`)."),
            Query("search", JsonSchemaType.String, "Words (3 characters or more) the searchable fields hold, all of them."),
        ];
        operation.Description += " Filters: `filter.<field>[.<operator>]=value` (eq, ne, lt, lte, gt, gte, between, in, not-in, contains, starts-with, is-null).";
        return operation;
    }

    private static OpenApiSchema Page(OpenApiDocument document, string name) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, name) },
            ["skip"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["take"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["total"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int64" },
            ["totalIsCapped"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            ["next"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The `cursor` of the next page; null on the last." },
        },
    };

    private static OpenApiSchema Field(FieldDefinition field)
    {
        if (field.Type == FieldType.MultipleChoice)
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Array | JsonSchemaType.Null, Description = field.Label, UniqueItems = true,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. field.Choices.Select(c => (JsonNode)JsonValue.Create(c)!)] },
            };
        }

        if (field.Type == FieldType.Money)
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = field.Label, Required = new HashSet<string> { "amount", "currency" },
                AdditionalPropertiesAllowed = false,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["amount"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Number, Format = "decimal",
                        Minimum = field.Minimum?.ToString(CultureInfo.InvariantCulture), Maximum = field.Maximum?.ToString(CultureInfo.InvariantCulture),
                    },
                    ["currency"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String, Pattern = "^[A-Z]{3}$", Description = "ISO 4217",
                        Enum = field.Choices is [] ? null : [.. field.Choices.Select(c => (JsonNode)JsonValue.Create(c)!)],
                    },
                },
            };
        }

        var (type, format) = field.Type switch
        {
            FieldType.WholeNumber => (JsonSchemaType.Integer, "int64"),
            FieldType.Number => (JsonSchemaType.Number, "decimal"),
            FieldType.Boolean => (JsonSchemaType.Boolean, null),
            FieldType.Date => (JsonSchemaType.String, "date"),
            FieldType.DateTime => (JsonSchemaType.String, "date-time"),
            FieldType.Reference or FieldType.Attachment => (JsonSchemaType.String, "uuid"),
            FieldType.Email => (JsonSchemaType.String, "email"),
            FieldType.Url => (JsonSchemaType.String, "uri"),
            _ => (JsonSchemaType.String, (string?)null),
        };
        return new OpenApiSchema
        {
            Type = type | JsonSchemaType.Null,
            Format = format,
            Description = field.Type == FieldType.Reference ? $"{field.Label}: the id of a record of {field.References}." : field.Label,
            MaxLength = field.Type == FieldType.Text ? field.MaxLength : null,
            Minimum = field.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = field.Maximum?.ToString(CultureInfo.InvariantCulture),
            Pattern = field.Pattern,
            ReadOnly = field.Type == FieldType.Autonumber || field.Expression is not null,
            Enum = field.Type == FieldType.Choice ? [.. field.Choices.Select(c => (JsonNode)JsonValue.Create(c)!)] : null,
        };
    }

    private static OpenApiParameter Id() =>
        new() { Name = "id", In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" } };

    private static OpenApiSchemaReference Ref(OpenApiDocument document, string schema) => new(schema, document);

    private static OpenApiResponse Json(IOpenApiSchema schema) => new()
    {
        Description = "OK",
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };

    private static OpenApiOperation Operation(OpenApiDocument document, string id, string? summary, string permission, IOpenApiSchema? body, OpenApiResponse? response,
        string status = "200") => new()
    {
        OperationId = id,
        Summary = summary,
        Description = $"Requires the permission `{permission}`.",
        Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
        RequestBody = body is null ? null : new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } } },
        Responses = new OpenApiResponses { [status] = response ?? new OpenApiResponse { Description = "No content" } },
        Extensions = new Dictionary<string, IOpenApiExtension> { ["x-erp-permission"] = new JsonNodeExtension(JsonValue.Create(permission)) },
    };
}
