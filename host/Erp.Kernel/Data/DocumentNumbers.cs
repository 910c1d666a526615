using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Erp.Kernel.Domain;
using Erp.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Erp.Kernel.Data;

/// <summary>
/// Document numbers (invoices, orders, low-code autonumbers) from a series per company and year (or per company alone,
/// when the pattern does not show the year: numbers then never repeat): gap-free and unique
/// under concurrency. The next number is drawn in the use case's own transaction, on its own module context, from the
/// companies module's counter table (<c>companies.number_series</c>, one row per company, series and year): the row
/// stays locked until the document commits, so two documents never share a number, and a document that rolls back
/// gives its number back. (Concurrent documents of one series and company wait for each other's commit: the price of
/// having no gaps, which tax authorities ask of invoices.)
/// </summary>
public static partial class DocumentNumbers
{
    /// <summary>
    /// The next number of <paramref name="series"/> (<c>Module.Document</c>, e.g. <c>Sales.Invoice</c>) in the request's
    /// company and the year of <paramref name="date"/>, written by <paramref name="pattern"/>: <c>{yyyy}</c> or <c>{yy}</c>
    /// the year, <c>{MM}</c> the month, a run of <c>#</c> in braces the number padded to its width
    /// (<c>INV-{yyyy}-{#####}</c> gives <c>INV-2026-00042</c>); anything else is kept as written.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a transaction: the number could not be given back.</exception>
    public static async Task<string> NextAsync(this DbContext db, string series, string pattern, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsPattern(pattern)) throw new ArgumentException($"'{pattern}' has no number in it, such as {{#####}}.", nameof(pattern));
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Draw a document number inside the use case's transaction, so a document that rolls back leaves no gap.");
        var company = (db as ICompanyScopedContext)?.CurrentCompanyId ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        var numbers = await db.Database.SqlQuery<long>($"""
            INSERT INTO companies.number_series AS s (company_id, series, year, last_number) VALUES ({company}, {series}, {YearOf(pattern, date)}, 1)
            ON CONFLICT (company_id, series, year) DO UPDATE SET last_number = s.last_number + 1
            RETURNING s.last_number AS "Value"
            """).ToListAsync(cancellationToken);
        return Format(pattern, date, numbers[0]);
    }

    /// <summary>
    /// The next number of <paramref name="series"/>, written by the pattern the company's <paramref name="patternSetting"/>
    /// holds (a setting made by <see cref="DocumentNumberSettings.Pattern"/>): what a plugin's numbered documents use.
    /// </summary>
    public static async Task<string> NextAsync(this DbContext db, string series, ISettingProvider settings, string patternSetting, DateOnly date,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var pattern = await settings.GetAsync(patternSetting, cancellationToken)
            ?? throw new InvalidOperationException($"Setting {patternSetting} holds no numbering pattern.");
        return await db.NextAsync(series, pattern, date, cancellationToken);
    }

    /// <summary>Whether <paramref name="pattern"/> holds the number (a run of <c>#</c> in braces): what a pattern setting is checked against.</summary>
    public static bool IsPattern(string? pattern) => pattern is not null && Number().IsMatch(pattern);

    // A pattern without the year counts on across years: CUST-{#####} must not start over at 00001 in January.
    private static int YearOf(string pattern, DateOnly date) =>
        pattern.Contains("{yyyy}", StringComparison.Ordinal) || pattern.Contains("{yy}", StringComparison.Ordinal) ? date.Year : 0;

    public static string Format(string pattern, DateOnly date, long number)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = new StringBuilder(pattern)
            .Replace("{yyyy}", date.Year.ToString("D4", CultureInfo.InvariantCulture))
            .Replace("{yy}", (date.Year % 100).ToString("D2", CultureInfo.InvariantCulture))
            .Replace("{MM}", date.Month.ToString("D2", CultureInfo.InvariantCulture))
            .ToString();
        return Number().Replace(text, m => number.ToString(CultureInfo.InvariantCulture).PadLeft(m.Length - 2, '0'));
    }

    [GeneratedRegex(@"\{#+\}")]
    private static partial Regex Number();
}
