using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Erp.Printing.Application;

/// <summary>
/// Renders a document's Liquid HTML (Fluid) with its model, every value HTML-encoded, then the layout around it. The model
/// goes through JSON (snake case) into Liquid values, so a template reads exactly the names the API shows as the sample
/// model and can reach nothing else of the object. Filters: <c>t</c> (a translation key and arguments, in the reader's
/// language), <c>money</c> (an amount and its currency), <c>quantity</c> and <c>short_date</c>, all in that language's
/// format. Templates come from administrators, so rendering is bounded: no file access, and a cap on steps and output.
/// </summary>
internal sealed class DocumentRenderer(CatalogStringLocalizer texts)
{
    public static readonly JsonSerializerOptions ModelJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string TitleKey = "title";
    private static readonly FluidParser Parser = NewParser();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="source"/> is no valid template, or null.</summary>
    public static string? ParseError(string source) => Parser.TryParse(source, out _, out var error) ? null : error;

    /// <summary>The document's HTML page: <paramref name="body"/> rendered with the model, inside <paramref name="layout"/>.</summary>
    /// <remarks>The body names the page's title with the <c>title</c> tag (<c>{% title "sales.document.quotation" | t: number %}</c>); the layout reads it.</remarks>
    public async Task<RenderedPage> RenderAsync(string body, string layout, object company, object model, CultureInfo culture)
    {
        var options = Options(culture);
        var values = Values(model);
        values["company"] = Convert(Json(company));
        var context = Context(options, values, culture);
        var content = await RenderAsync(body, context);

        var title = context.AmbientValues.TryGetValue(TitleKey, out var named) ? (string)named! : "";
        var page = Context(options, values, culture);
        page.SetValue("title", StringValue.Create(title));
        page.SetValue("content", StringValue.Create(content, false)); // already rendered and encoded
        return new RenderedPage(await RenderAsync(layout, page), title);
    }

    // Liquid's assign does not outlive the render (Fluid renders in a scope of its own), so the title has a tag that keeps it.
    private static FluidParser NewParser()
    {
        var parser = new FluidParser();
        parser.RegisterExpressionTag(TitleKey, async (value, _, _, context) =>
        {
            context.AmbientValues[TitleKey] = (await value.EvaluateAsync(context)).ToStringValue(context);
            return Completion.Normal;
        });
        return parser;
    }

    private async Task<string> RenderAsync(string source, TemplateContext context)
    {
        var template = _parsed.GetOrAdd(source, static s => Parser.TryParse(s, out var parsed, out var error)
            ? parsed : throw new PrintTemplateException(error));
        try
        {
            return await template.RenderAsync(context, HtmlEncoder.Default);
        }
        catch (InvalidOperationException e)
        {
            throw new PrintTemplateException(e.Message); // a limit reached, a filter misused
        }
    }

    private static TemplateContext Context(TemplateOptions options, Dictionary<string, FluidValue> values, CultureInfo culture)
    {
        var context = new TemplateContext(options, StringComparer.Ordinal);
        foreach (var (name, value) in values) context.SetValue(name, value);
        context.SetValue("language", StringValue.Create(culture.TwoLetterISOLanguageName));
        context.SetValue("direction", StringValue.Create(culture.TextInfo.IsRightToLeft ? "rtl" : "ltr"));
        return context;
    }

    private static JsonElement Json(object model) => JsonSerializer.SerializeToElement(model, model.GetType(), ModelJson);

    private static Dictionary<string, FluidValue> Values(object model)
    {
        var json = Json(model);
        if (json.ValueKind != JsonValueKind.Object) throw new ArgumentException("A document's model is an object with named values.", nameof(model));
        return json.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal);
    }

    private static FluidValue Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => DictionaryValue.Create(new FluidValueDictionaryFluidIndexable(
            element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal))),
        JsonValueKind.Array => ArrayValue.Create([.. element.EnumerateArray().Select(Convert)]),
        JsonValueKind.String => StringValue.Create(element.GetString()!),
        JsonValueKind.Number => NumberValue.Create(element.GetDecimal()),
        JsonValueKind.True => BooleanValue.True,
        JsonValueKind.False => BooleanValue.False,
        _ => NilValue.Instance,
    };

    private TemplateOptions Options(CultureInfo culture) =>
        new TemplateOptionsBuilder()
            .WithCultureInfo(culture).WithMaxSteps(200_000).WithMaxRecursion(20).WithMaxOutputSize(5_000_000)
            .AddFilter("t", (input, arguments, context) =>
            {
                var values = Enumerable.Range(0, arguments.Count).Select(i => (object?)arguments.At(i).ToStringValue(context)).ToArray();
                return ValueTask.FromResult<FluidValue>(StringValue.Create(texts.Text(new LocalizableText(input.ToStringValue(context), values), culture)));
            })
            .AddFilter("money", (input, arguments, context) =>
            {
                var currency = arguments.Count > 0 ? arguments.At(0).ToStringValue(context) : "";
                var amount = input.ToNumberValue(context).ToString("N2", culture);
                return ValueTask.FromResult<FluidValue>(StringValue.Create(currency.Length == 0 ? amount : $"{amount} {currency}"));
            })
            .AddFilter("quantity", (input, _, context) =>
                ValueTask.FromResult<FluidValue>(StringValue.Create(input.ToNumberValue(context).ToString("#,0.####", culture))))
            .AddFilter("short_date", (input, _, context) =>
                ValueTask.FromResult<FluidValue>(DateOnly.TryParse(input.ToStringValue(context), CultureInfo.InvariantCulture, out var date)
                    ? StringValue.Create(date.ToString("d", culture)) : input))
            .Build();
}

/// <summary>A document's page as HTML, and the title its template gave it.</summary>
internal sealed record RenderedPage(string Html, string Title);

/// <summary>A template that does not parse or cannot render: previews and saves answer 422.</summary>
internal sealed class PrintTemplateException(string message) : Exception(message);
