using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Erp.Emailing.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Fluid;
using Fluid.Values;

namespace Erp.Emailing.Application;

/// <summary>
/// Renders a mail's Liquid parts (Fluid) with its model, in a language: the subject and the text part as they are, the
/// HTML part with every value HTML-encoded; then both parts into the layout (its <c>{{ content }}</c>). The <c>t</c>
/// filter turns a translation key (and arguments) into the reader's text. Templates come from modules and from
/// administrators, so rendering is bounded: no file access, and a cap on steps and output.
/// </summary>
internal sealed class EmailRenderer(CatalogStringLocalizer texts)
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="source"/> is no valid template, or null.</summary>
    public static string? ParseError(string source) => Parser.TryParse(source, out _, out var error) ? null : error;

    public async Task<EmailParts> RenderAsync(EmailParts mail, EmailParts layout, IReadOnlyDictionary<string, string> model, CultureInfo culture)
    {
        var options = Options(culture);
        var subject = (await RenderAsync(mail.Subject, model, options, NullEncoder.Default)).ReplaceLineEndings(" ").Trim();
        var text = await RenderAsync(mail.Text, model, options, NullEncoder.Default);
        var html = await RenderAsync(mail.Html, model, options, HtmlEncoder.Default);

        var page = new Dictionary<string, string>(model, StringComparer.Ordinal)
        {
            ["subject"] = subject,
            ["language"] = culture.TwoLetterISOLanguageName,
            ["direction"] = culture.TextInfo.IsRightToLeft ? "rtl" : "ltr",
        };
        var layoutText = await RenderAsync(layout.Text, page, options, NullEncoder.Default, content: text);
        var layoutHtml = await RenderAsync(layout.Html, page, options, HtmlEncoder.Default, content: html);
        return new EmailParts(subject, layoutText, layoutHtml);
    }

    private async Task<string> RenderAsync(string source, IReadOnlyDictionary<string, string> model, TemplateOptions options, TextEncoder encoder, string? content = null)
    {
        var template = _parsed.GetOrAdd(source, static s => Parser.TryParse(s, out var parsed, out var error)
            ? parsed : throw new EmailTemplateException(error));
        var context = new TemplateContext(options, StringComparer.Ordinal);
        foreach (var (name, value) in model) context.SetValue(name, StringValue.Create(value));
        // The mail's part is already rendered (and encoded, for HTML): the layout places it as it is.
        if (content is not null) context.SetValue("content", StringValue.Create(content, false));
        try
        {
            return await template.RenderAsync(context, encoder);
        }
        catch (InvalidOperationException e)
        {
            throw new EmailTemplateException(e.Message); // a limit reached, a filter misused
        }
    }

    private TemplateOptions Options(CultureInfo culture)
    {
        return new TemplateOptionsBuilder()
            .WithCultureInfo(culture).WithMaxSteps(100_000).WithMaxRecursion(20).WithMaxOutputSize(1_000_000)
            .AddFilter("t", (input, arguments, context) =>
            {
                var values = Enumerable.Range(0, arguments.Count).Select(i => (object?)arguments.At(i).ToStringValue(context)).ToArray();
                return ValueTask.FromResult(StringValue.Create(texts.Text(new LocalizableText(input.ToStringValue(context), values), culture)));
            })
            .Build();
    }
}

/// <summary>A template that does not parse or cannot render: the mail fails for good, the API answers 422.</summary>
internal sealed class EmailTemplateException(string message) : Exception(message);
