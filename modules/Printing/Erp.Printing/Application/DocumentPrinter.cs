using System.Globalization;
using Erp.BlobStoring;
using Erp.Companies;
using Erp.Emailing;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Printing.Data;

namespace Erp.Printing.Application;

/// <summary>Prints a declared document for another module, on the company's letterhead, and mails it as a PDF attachment.</summary>
internal sealed class DocumentPrinter(
    PrintTemplates templates, ChromiumPdfRenderer pdf, ICompanyDirectory companies, IAttachmentWriter attachments, PrintingDbContext db, UnitOfWork unitOfWork)
    : IDocumentPrinter
{
    public async Task<PrintedDocument> PrintAsync(PrintRequest request, CancellationToken cancellationToken) =>
        (await PrintOnLetterheadAsync(request, cancellationToken)).Document;

    private async Task<(PrintedDocument Document, CompanyDto Company)> PrintOnLetterheadAsync(PrintRequest request, CancellationToken cancellationToken)
    {
        var company = await companies.FindAsync(request.CompanyId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no company {request.CompanyId} to print a document of.");
        RenderedPage page;
        try
        {
            page = await templates.ComposeAsync(request.Template, request.Language, Letterhead.Of(company), request.Model, cancellationToken);
        }
        catch (PrintTemplateException e)
        {
            // An administrator's template that parses but cannot render (a limit reached): the document cannot be printed as it is.
            throw new RequestRejectedException(PrintingErrors.TemplateInvalid, e.Message);
        }

        return (new PrintedDocument(request.FileName, page.Title, await pdf.PrintAsync(page.Html, cancellationToken)), company);
    }

    public async Task<DocumentMailedDto> MailAsync(PrintRequest request, DocumentMail mail, CancellationToken cancellationToken)
    {
        // Printed before the transaction opens: Chromium's work holds no row lock and no connection.
        var (printed, company) = await PrintOnLetterheadAsync(request, cancellationToken);
        return await unitOfWork.RunAsync(async () =>
        {
            using var content = new MemoryStream(printed.Content, writable: false);
            var attachment = await attachments.StoreAsync(mail.EntityType, mail.EntityId, printed.FileName, content, cancellationToken);
            var model = new Dictionary<string, string> { ["title"] = printed.Title, ["company"] = company.Name };
            var requested = EmailRequestedIntegrationEvent.For(mail.To, PrintTemplateNames.Mail, model, request.Language ?? CultureInfo.CurrentUICulture.Name, [attachment.Id]);
            db.Publish(requested);
            await db.SaveChangesAsync(cancellationToken);
            return new DocumentMailedDto(requested.MessageId, mail.To, attachment.Id, printed.FileName);
        }, cancellationToken);
    }
}
