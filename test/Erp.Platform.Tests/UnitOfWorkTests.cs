using Erp.Kernel.Data;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The kernel's unit of work: the contexts of two modules, leased before it or inside it, write in one PostgreSQL
/// transaction that commits or rolls back as one; afterwards each context is back on a pooled connection of its own.
/// </summary>
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ErpHost _host = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _host = new ErpHost(_database, [TestPlugins.Sample]);
        await _host.MigrateAsync();
        await PostgresServer.ExecuteAsync("CREATE TABLE public.unit_of_work_probe (module text NOT NULL, step int NOT NULL)", _database);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TwoModulesContexts_WorkInOneTransaction_AndAThrowRollsBackBoth()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var sample = ModuleContexts.Of(scope.ServiceProvider, "Erp.Sample"); // leased before the unit of work

        var transactions = await unitOfWork.RunAsync(async () =>
        {
            var companies = ModuleContexts.Of(scope.ServiceProvider, "Erp.Companies"); // leased inside it
            await InsertAsync(sample, "sample", 1);
            await InsertAsync(companies, "companies", 1);
            return new[] { await TransactionIdAsync(sample), await TransactionIdAsync(companies) };
        }, Ct);
        transactions.Distinct().Count().ShouldBe(1, "both contexts worked in the same transaction");
        (await ProbeAsync()).ShouldBe(["companies:1", "sample:1"]);

        await Should.ThrowAsync<InvalidOperationException>(() => unitOfWork.RunAsync(async () =>
        {
            await InsertAsync(sample, "sample", 2);
            await InsertAsync(ModuleContexts.Of(scope.ServiceProvider, "Erp.Companies"), "companies", 2);
            throw new InvalidOperationException("the use case fails after both wrote");
        }, Ct));
        (await ProbeAsync()).ShouldBe(["companies:1", "sample:1"], "the failed unit of work left nothing");

        // Afterwards: no transaction, each context on its own connection again (each statement commits by itself).
        sample.Database.CurrentTransaction.ShouldBeNull();
        await InsertAsync(sample, "sample", 3);
        (await ProbeAsync()).ShouldContain("sample:3");
        (await TransactionIdAsync(sample)).ShouldNotBe(await TransactionIdAsync(sample), "outside a unit of work each statement is a transaction of its own");
    }

    [Fact]
    public async Task ANestedUnitOfWork_JoinsTheOuterOne_AndTheContextsOwnTransactionIsTheUnits()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var sample = ModuleContexts.Of(scope.ServiceProvider, "Erp.Sample");

        await Should.ThrowAsync<InvalidOperationException>(() => unitOfWork.RunAsync(async () =>
        {
            await unitOfWork.RunAsync(() => InsertAsync(sample, "nested", 1), Ct);
            // What a module's InTransactionAsync and a save see: a transaction already, which they join.
            sample.Database.CurrentTransaction.ShouldNotBeNull();
            throw new InvalidOperationException("the outer use case fails last");
        }, Ct));
        (await ProbeAsync()).ShouldBeEmpty("the inner unit committed nothing of its own");
    }

    [Fact]
    public async Task ContextsReturnedToThePool_AreNeverLeftOnABorrowedConnection()
    {
        // Many scopes, each running a unit of work and reading after it: a pooled context that kept the unit's (closed)
        // connection, or counted it as opened, would fail here in a later lease.
        for (var round = 0; round < 20; round++)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var sample = ModuleContexts.Of(scope.ServiceProvider, "Erp.Sample");
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(() => InsertAsync(sample, "pooled", round), Ct);
            await InsertAsync(sample, "after", round);
        }

        (await ProbeAsync()).Count.ShouldBe(40);
        // Only connections that last ran the probe's statements: the host's own background work (jobs, the outbox) may
        // be inside a transaction of its own at this moment.
        var open = await PostgresServer.ScalarAsync<long>(_database, """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE '%unit_of_work_probe%'
            """);
        open.ShouldBe(0, "no transaction was left open");
    }

    private static Task InsertAsync(DbContext context, string module, int step) =>
        context.Database.ExecuteSqlAsync($"INSERT INTO public.unit_of_work_probe (module, step) VALUES ({module}, {step})", Ct);

    private static async Task<long> TransactionIdAsync(DbContext context) =>
        (await context.Database.SqlQueryRaw<long>("SELECT txid_current() AS \"Value\"").ToListAsync(Ct)).Single();

    private async Task<List<string>> ProbeAsync() =>
        [.. (await PostgresServer.ScalarAsync<string>(_database, "SELECT coalesce(string_agg(module || ':' || step, ',' ORDER BY module, step), '') FROM public.unit_of_work_probe"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
