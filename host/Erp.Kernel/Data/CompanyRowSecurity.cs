using System.Data.Common;
using Erp.Kernel.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;

namespace Erp.Kernel.Data;

/// <summary>
/// Defence in depth under the company query filter (<c>Data:RowLevelSecurity</c>): a PostgreSQL row-level security
/// policy on every company-owned table lets a statement see and write only the rows of the companies the transaction
/// names in <c>erp.companies</c> (<c>*</c>: all, for system work). Each command a module context sends starts with
/// <c>SET LOCAL erp.companies = '...'</c> in the same round trip, so a raw SQL query through the module's connection that
/// forgets the filter still sees only the caller's companies, and nothing outlives the transaction on a pooled
/// connection. A statement that sets nothing sees nothing. The policy is FORCEd: the table's owner, which Erp connects
/// as, is held to it too (a PostgreSQL superuser never is: production connects as an ordinary role).
/// </summary>
public static class CompanyRowSecurity
{
    /// <summary><c>Data:RowLevelSecurity</c>; the same for <c>Erp.Host migrate</c> (which creates or drops the policies) and the hosts.</summary>
    public const string ConfigurationKey = "Data:RowLevelSecurity";

    /// <summary>On unless configured off: docs/companies.md has its measured cost.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(ConfigurationKey, true);

    public const string Setting = "erp.companies";
    public const string Policy = "erp_company";

    // Written on each policy as its comment: a policy of another version differs, and migrate replaces it. Raise it
    // whenever the expression below changes.
    public const string PolicyVersion = "erp-company-v2";

    // CASE, not OR: SQL does not promise to stop at the first true operand, and '*' is no uuid. The setting is read in
    // subqueries, which PostgreSQL runs once per statement (init plans), not once per row: counting 10,000 rows parsed
    // the list of companies 10,000 times before (v1).
    private const string Visible = $"CASE WHEN (SELECT current_setting('{Setting}', true) = '*') THEN true " +
        $"ELSE company_id = ANY (ARRAY(SELECT unnest(string_to_array(nullif(current_setting('{Setting}', true), ''), ','))::uuid)) END";

    /// <summary>What migrate records on each module's history table once its policies are as <paramref name="enabled"/> says.</summary>
    public static string State(bool enabled) => $"Erp row-level security: {(enabled ? PolicyVersion : "off")}";

    /// <summary>The company-owned tables in the context's own schema, quoted: those it migrates, and so owns the policies of.</summary>
    public static IEnumerable<string> TablesOf(DbContext db) => CompanyOwnedTables(db.Model)
        .Where(t => t.Schema == db.Model.GetDefaultSchema())
        .Select(t => $"\"{t.Schema}\".\"{t.Table}\"");

    /// <summary>The tables of a model's company-owned entities (the policies' tables, and what the command interceptor looks for).</summary>
    internal static IEnumerable<(string? Schema, string Table)> CompanyOwnedTables(IModel model) => model.GetEntityTypes()
        .Where(e => e.BaseType is null && typeof(ICompanyOwned).IsAssignableFrom(e.ClrType) && e.GetTableName() is not null)
        .Select(e => (e.GetSchema() ?? model.GetDefaultSchema(), e.GetTableName()!))
        .Distinct();

    /// <summary>The tables whose policy is not as <paramref name="enabled"/> says (what <see cref="ApplyAsync"/> would change).</summary>
    public static async Task<IReadOnlyList<string>> DifferingAsync(DbContext db, bool enabled, CancellationToken cancellationToken)
    {
        var differing = new List<string>();
        var runtime = db is IRuntimeCompanyOwnedTables made ? await made.RuntimeCompanyOwnedTablesAsync(cancellationToken) : [];
        var asConfigured = $"SELECT {AsConfigured(enabled)} AS \"Value\" FROM pg_class c WHERE c.oid = to_regclass({{0}})";
        foreach (var table in TablesOf(db).Concat(runtime))
        {
            // A table not yet created is left alone.
            if (await db.Database.SqlQueryRaw<bool>(asConfigured, table).ToListAsync(cancellationToken) is [false]) differing.Add(table);
        }

        return differing;
    }

    /// <summary>
    /// The tables whose policy is not as <paramref name="enabled"/> says, found without a model (the query returns each
    /// one's schema and name): among the tables that carry the policy, or row-level security and a company column. A
    /// company-owned table stripped of both by hand is found only through the model (<see cref="DifferingAsync"/>).
    /// </summary>
    internal static string DifferingTablesQuery(bool enabled) =>
        $"""
         SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p')
           AND (EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '{Policy}')
             OR (c.relrowsecurity OR c.relforcerowsecurity)
               AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped))
           AND NOT ({AsConfigured(enabled)})
         """;

    // A table (pg_class as c) as it should be: on (enabled, forced, this version's policy), or off (none of it).
    private static string AsConfigured(bool enabled) => enabled
        ? $"c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '{Policy}' AND obj_description(p.oid, 'pg_policy') = '{PolicyVersion}')"
        : $"NOT (c.relrowsecurity OR c.relforcerowsecurity OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '{Policy}'))";

    /// <summary>Creates (or drops) the policies of the context's company-owned tables; only tables that differ are touched.</summary>
    public static async Task ApplyAsync(DbContext db, bool enabled, CancellationToken cancellationToken)
    {
        foreach (var table in await DifferingAsync(db, enabled, cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(enabled ? EnableStatements(table) : DisableStatements(table), cancellationToken);
        }
    }

    /// <summary>Turns row-level security on for <paramref name="table"/> (quoted) with this version's policy: also for tables made at run time (low-code).</summary>
    public static string EnableStatements(string table) =>
        $"""
         ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
         ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
         DROP POLICY IF EXISTS {Policy} ON {table};
         CREATE POLICY {Policy} ON {table} USING ({Visible}) WITH CHECK ({Visible});
         COMMENT ON POLICY {Policy} ON {table} IS '{PolicyVersion}';
         """;

    private static string DisableStatements(string table) =>
        $"""
         DROP POLICY IF EXISTS {Policy} ON {table};
         ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
         ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
         """;

    /// <summary>The statement that names the context's companies for the rest of the transaction.</summary>
    internal static string Naming(ICompanyScopedContext context) => Naming(context.SeesAllCompanies, context.VisibleCompanies);

    /// <summary>
    /// The statement that names, for the rest of the transaction, the companies a command may see: all of them for system
    /// work, else <paramref name="visible"/>. Also for SQL no module context sends (the low-code engine's).
    /// </summary>
    public static string Naming(bool seesAll, IEnumerable<Guid> visible) => seesAll
        ? $"SET LOCAL {Setting} = '*';"
        : $"SET LOCAL {Setting} = '{string.Join(',', visible)}';"; // GUIDs: nothing to escape
}

/// <summary>What a module context's queries may see, read per command; and the transaction a save began to name them in.</summary>
internal interface ICompanyScopedContext
{
    /// <summary>The names of the context's company-owned tables: a command that names none of them names no companies.</summary>
    string[] CompanyOwnedTables { get; }
    bool SeesAllCompanies { get; }
    Guid[] VisibleCompanies { get; }

    /// <summary>The company new rows (and document numbers) belong to.</summary>
    Guid? CurrentCompanyId { get; }
    IDbContextTransaction? SaveTransaction { get; set; }

    /// <summary>
    /// The transaction in which a query of this context last named the companies, and what it named: a SET LOCAL holds
    /// to the transaction's end, so a save in it that would name the same needs no round trip of its own.
    /// </summary>
    (IDbContextTransaction Transaction, string Naming)? Named { get; set; }
}

/// <summary>
/// Puts <see cref="CompanyRowSecurity.Naming"/> in front of every command a module context sends, except migrations
/// (a migration may hold statements that cannot run in a transaction; the migrator names all companies itself) and
/// saves (EF Core reads a save's rows affected statement by statement: <see cref="CompanyRowSecuritySaveInterceptor"/>).
/// </summary>
internal sealed class CompanyRowSecurityInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Name(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Name(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Name(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Name(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Name(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Name(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Name(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource is CommandSource.Migrations or CommandSource.SaveChanges
            || eventData.Context is not ICompanyScopedContext { CompanyOwnedTables.Length: > 0 } context
            || !Names(command.CommandText, context.CompanyOwnedTables)) return;
        var naming = CompanyRowSecurity.Naming(context);
        command.CommandText = naming + command.CommandText;
        context.Named = eventData.Context.Database.CurrentTransaction is { } transaction ? (transaction, naming) : null;
    }

    // A statement costs PostgreSQL the same again when it is preceded by a SET: only commands that name a company-owned
    // table get one (a raw query of such a table names it too). A command that reaches one without naming it (through a
    // view, say) sees no rows, which shows; it never sees another company's.
    private static bool Names(string commandText, string[] tables)
    {
        foreach (var table in tables)
        {
            if (commandText.Contains(table, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}

/// <summary>
/// Names the companies for a save: in the save's transaction (the use case's, or one begun here and committed with the
/// save), as its own statement before the save's, so a save never writes a row the policy would refuse to show.
/// </summary>
internal sealed class CompanyRowSecuritySaveInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || db is not ICompanyScopedContext { CompanyOwnedTables.Length: > 0 } context
            || !db.ChangeTracker.Entries<ICompanyOwned>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)) return result;
        var naming = CompanyRowSecurity.Naming(context);
        if (db.Database.CurrentTransaction is { } current && context.Named is var (named, already) && named == current && already == naming) return result;
        if (db.Database.CurrentTransaction is null) context.SaveTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var name = db.Database.GetDbConnection().CreateCommand();
        name.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        name.CommandText = naming;
        await name.ExecuteNonQueryAsync(cancellationToken);
        context.Named = (db.Database.CurrentTransaction!, naming);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ICompanyScopedContext { SaveTransaction: { } own } context)
        {
            context.SaveTransaction = null;
            await own.CommitAsync(cancellationToken);
            await own.DisposeAsync();
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        EndAsync(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        EndAsync(eventData.Context);

    private static async Task EndAsync(DbContext? db)
    {
        if (db is not ICompanyScopedContext { SaveTransaction: { } own } context) return;
        context.SaveTransaction = null;
        await own.DisposeAsync(); // rolls back
    }
}

/// <summary>
/// A module context that also owns company-owned tables made at run time (low-code entities): row-level security covers
/// them as it covers the model's, and <c>migrate</c> brings their policies to this version and to the setting.
/// </summary>
public interface IRuntimeCompanyOwnedTables
{
    /// <summary>The tables, schema-qualified and quoted.</summary>
    Task<IReadOnlyList<string>> RuntimeCompanyOwnedTablesAsync(CancellationToken cancellationToken);
}
