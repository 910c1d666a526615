using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fluid;
using Fluid.Values;

namespace Erp.LowCode.Domain;

/// <summary>
/// The Liquid templates (Fluid) of automations' texts: a mail's address, subject and body, a value to set. They come from
/// administrators, so rendering is bounded (no file access, a cap on steps and output), and a template that does not
/// parse is refused with the definition. Rendered as plain text: the emailing module encodes the mail's HTML part.
/// </summary>
public static class AutomationTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithCultureInfo(CultureInfo.InvariantCulture).WithMaxSteps(100_000).WithMaxRecursion(20).WithMaxOutputSize(100_000).Build();

    /// <summary>Why <paramref name="source"/> is no valid template, or null.</summary>
    public static string? ParseError(string source) => Parser.TryParse(source, out _, out var error) ? null : error;

    /// <summary>
    /// <paramref name="source"/> with the record's values: <c>{{ name }}</c> for its fields, <c>{{ id }}</c>,
    /// <c>{{ createdAt }}</c> and the other system properties as the API names them. Values render as the API writes them
    /// (<see cref="ValueText"/>); a JSON object (the event that triggered the automation) by its properties, <c>{{ event.number }}</c>.
    /// </summary>
    public static async Task<string> RenderAsync(string source, IReadOnlyDictionary<string, object?> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var template = Parsed.GetOrAdd(source, static s => Parser.Parse(s));
        var context = new TemplateContext(Options, StringComparer.Ordinal);
        foreach (var (name, value) in record)
        {
            if (value is JsonElement { ValueKind: JsonValueKind.Object } json) context.SetValue(name, Texts(json));
            else if (ValueText.Of(value) is { } text) context.SetValue(name, StringValue.Create(text));
        }

        return await template.RenderAsync(context, NullEncoder.Default);
    }

    // A JSON object's properties as texts (numbers as a field's are written: 4, not 4.0000), its objects as such in turn;
    // arrays are left out.
    private static Dictionary<string, object?> Texts(JsonElement json) =>
        json.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Array).ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Object => Texts(p.Value),
            JsonValueKind.String => p.Value.GetString(),
            JsonValueKind.Number when p.Value.TryGetDecimal(out var number) => ValueText.Of(number),
            JsonValueKind.Null => null,
            _ => (object?)p.Value.GetRawText(),
        }, StringComparer.Ordinal);
}
