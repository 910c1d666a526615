using Npgsql;

namespace Erp.Kernel.Data;

/// <summary>
/// One PostgreSQL transaction that every module and plugin context of this scope works in. A use case that must be atomic
/// across plugins (confirm an order and reserve its stock; post an invoice and move its stock) runs in
/// <see cref="RunAsync{T}"/>, calling the other plugin through its Contracts: both plugins' saves commit together or not
/// at all. Background work that must commit with its bookkeeping (an outbox delivery and its "delivered" mark) hands its
/// own transaction to <see cref="Use"/>. Everything else never opens one, and each context keeps its own pooled connection.
/// </summary>
public sealed class UnitOfWork(NpgsqlDataSource dataSource)
{
    private readonly List<IJoinableContext> _contexts = [];
    private bool _joined;

    /// <summary>The shared connection while a unit of work runs (or was handed over), else null.</summary>
    public NpgsqlConnection? Connection { get; private set; }

    /// <summary>The shared transaction while a unit of work runs (or was handed over), else null.</summary>
    public NpgsqlTransaction? Transaction { get; private set; }

    /// <summary>
    /// Runs <paramref name="useCase"/> in one transaction on one connection, joined by every context of this scope (those
    /// leased already and those leased inside), and commits it; a throw rolls everything back. Inside a unit of work
    /// already, the use case joins it.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> useCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        if (_joined) return await useCase();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Join(connection, transaction);
        try
        {
            var result = await useCase();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            Leave();
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<Task> useCase, CancellationToken cancellationToken) =>
        RunAsync(async () => { await useCase(); return true; }, cancellationToken);

    /// <summary>
    /// Joins this scope to a transaction its caller owns and ends (an outbox delivery's), for the rest of the scope: its
    /// contexts leave it when they are disposed.
    /// </summary>
    public void Use(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (_joined) throw new InvalidOperationException("This scope already works in a transaction.");
        Join(connection, transaction);
    }

    // A context leased in this scope: joined now if a transaction runs, or when one begins.
    internal void Track(IJoinableContext context)
    {
        _contexts.Add(context);
        if (_joined) context.Join(Connection!, Transaction!);
    }

    internal void Forget(IJoinableContext context) => _contexts.Remove(context);

    private void Join(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        (Connection, Transaction, _joined) = (connection, transaction, true);
        foreach (var context in _contexts) context.Join(connection, transaction);
    }

    // Each context goes back to its own connection: a pooled context must never keep (or be returned with) a borrowed one.
    private void Leave()
    {
        foreach (var context in _contexts) context.Leave();
        (Connection, Transaction, _joined) = (null, null, false);
    }
}

/// <summary>A module context that can work on a unit of work's connection and transaction for a while.</summary>
internal interface IJoinableContext
{
    void Join(NpgsqlConnection connection, NpgsqlTransaction transaction);
    void Leave();
}
