using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>Document numbers per company and year: no gap, no duplicate, even when documents race or roll back.</summary>
public sealed class DocumentNumberTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Pattern = "INV-{yyyy}-{#####}";
    private static readonly DateOnly In2026 = new(2026, 12, 2), In2027 = new(2027, 1, 4);

    private ErpHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);
        _admin = await _host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EachCompanyAndYear_CountsOnItsOwn_AndARolledBackDocument_GivesItsNumberBack()
    {
        var (a, b) = (await _admin.CreateCompanyAsync("Alpha"), await _admin.CreateCompanyAsync("Beta"));
        (await DrawAsync(a, In2026)).ShouldBe("INV-2026-00001");
        (await DrawAsync(a, In2026)).ShouldBe("INV-2026-00002");
        (await DrawAsync(b, In2026)).ShouldBe("INV-2026-00001");
        (await DrawAsync(a, In2027)).ShouldBe("INV-2027-00001");

        (await DrawAsync(a, In2026, commit: false)).ShouldBe("INV-2026-00003");
        (await DrawAsync(a, In2026)).ShouldBe("INV-2026-00003"); // the rolled-back document's number, not a gap
    }

    [Fact]
    public async Task APatternWithoutTheYear_CountsOnAcrossYears()
    {
        var company = await _admin.CreateCompanyAsync("Yearless");
        (await DrawAsync(company, In2026, pattern: "CUST-{#####}")).ShouldBe("CUST-00001");
        (await DrawAsync(company, In2027, pattern: "CUST-{#####}")).ShouldBe("CUST-00002");
    }

    [Fact]
    public async Task DocumentsRacingForNumbers_GetEachNumberOnce_WithoutGaps()
    {
        var company = await _admin.CreateCompanyAsync("Racing");
        var numbers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => DrawAsync(company, In2026), Ct)));
        numbers.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 24).Select(n => $"INV-2026-{n:D5}"));
    }

    [Fact]
    public async Task ANumberDrawnOutsideATransaction_IsRefused_ForItCouldNotBeGivenBack()
    {
        var company = await _admin.CreateCompanyAsync("Careless");
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(company);
        await Should.ThrowAsync<InvalidOperationException>(() => Context(scope.ServiceProvider).NextAsync("Sample.Invoice", Pattern, In2026, Ct));
    }

    [Theory]
    [InlineData("INV-{yyyy}-{#####}", 42, "INV-2026-00042")]
    [InlineData("{yy}{MM}/{###}", 7, "2612/007")]
    [InlineData("R{#}", 123456, "R123456")] // a number wider than its run is written whole
    public void APattern_WritesTheYearMonthAndPaddedNumber(string pattern, long number, string expected) =>
        DocumentNumbers.Format(pattern, In2026, number).ShouldBe(expected);

    /// <summary>Draws a number as a use case of <paramref name="company"/> does: in its transaction, committed or rolled back.</summary>
    private async Task<string> DrawAsync(Guid company, DateOnly date, bool commit = true, string pattern = Pattern)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(company);
        var db = Context(scope.ServiceProvider);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var number = await db.NextAsync(pattern == Pattern ? "Sample.Invoice" : "Sample.Customer", pattern, date, Ct);
        if (commit) await transaction.CommitAsync(Ct);
        else await transaction.RollbackAsync(Ct);
        return number;
    }

    // Any module context draws numbers: the sample plugin's here.
    private static DbContext Context(IServiceProvider services) => ModuleContexts.Of(services, "Erp.Sample");
}
