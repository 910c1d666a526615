using Erp.Emailing;

namespace Erp.Printing.Application;

/// <summary>What the printing module declares itself: the page every document is printed in, and the mail documents go with.</summary>
internal static class BuiltInTemplates
{
    /// <summary>
    /// A4, the company's letterhead above the document's title and body, its legal line below. The classes documents use
    /// (<c>parties</c>, <c>lines</c>, <c>num</c>, <c>totals</c>, <c>grand</c>, <c>note</c>) are styled here, once.
    /// </summary>
    public static PrintTemplateDefinition Layout { get; } = new(PrintTemplateNames.Layout, "Page layout and letterhead",
        """
        <!DOCTYPE html>
        <html lang="{{ language }}" dir="{{ direction }}">
        <head>
        <meta charset="utf-8">
        <title>{{ title }}</title>
        <style>
          @page { size: A4; }
          body { margin: 0; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1f2328; line-height: 1.4; }
          .letterhead { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #1f4e79; padding-bottom: 8pt; margin-bottom: 18pt; }
          .letterhead .name { font-size: 18pt; font-weight: 700; color: #1f4e79; }
          .letterhead .address { text-align: end; font-size: 8.5pt; color: #57606a; }
          h1 { font-size: 16pt; margin: 0 0 14pt; }
          .parties { display: flex; justify-content: space-between; gap: 24pt; margin-bottom: 18pt; }
          .parties .label { font-size: 8pt; text-transform: uppercase; color: #57606a; }
          .facts td { padding: 0 0 2pt; border: none; }
          .facts td:first-child { color: #57606a; padding-inline-end: 12pt; }
          table.lines { width: 100%; border-collapse: collapse; }
          table.lines thead { display: table-header-group; }
          table.lines th { text-align: start; font-size: 8.5pt; color: #57606a; border-bottom: 1px solid #8c959f; padding: 4pt; }
          table.lines td { padding: 4pt; border-bottom: 1px solid #d8dee4; vertical-align: top; }
          table.lines tr { break-inside: avoid; }
          .num { text-align: end; white-space: nowrap; }
          table.totals { width: 50%; margin-inline-start: auto; margin-top: 12pt; border-collapse: collapse; break-inside: avoid; }
          table.totals td { padding: 3pt 4pt; }
          table.totals .grand td { font-weight: 700; font-size: 11pt; border-top: 2px solid #1f2328; }
          .note { margin-top: 18pt; white-space: pre-line; }
          .legal { margin-top: 28pt; padding-top: 6pt; border-top: 1px solid #d8dee4; font-size: 8pt; color: #57606a; }
        </style>
        </head>
        <body>
        <div class="letterhead">
          <div class="name">{{ company.name }}</div>
          <div class="address">
            {{ company.legal_name }}
            {%- if company.street %}<br>{{ company.street }}{% endif %}
            {%- if company.city %}<br>{{ company.postal_code }} {{ company.city }}{% endif %}
            {%- if company.country %}<br>{{ company.country }}{% endif %}
          </div>
        </div>
        <h1>{{ title }}</h1>
        {{ content }}
        <div class="legal">{{ company.legal_name }}{% if company.tax_id %} · {{ "printing.layout.tax-id" | t }} {{ company.tax_id }}{% endif %}</div>
        </body>
        </html>
        """,
        new { });

    public static EmailTemplateDefinition Mail { get; } = new(PrintTemplateNames.Mail,
        """{{ "printing.mail.subject" | t: title, company }}""",
        """{{ "printing.mail.text" | t: title, company }}""",
        """<p>{{ "printing.mail.text" | t: title, company }}</p>""",
        new Dictionary<string, string> { ["title"] = "Invoice INV-2026-00001", ["company"] = "Contoso" });
}
