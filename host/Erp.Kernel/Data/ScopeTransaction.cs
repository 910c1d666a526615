using Npgsql;

namespace Erp.Kernel.Data;

/// <summary>
/// A connection and transaction that every module context created in this scope joins. Background work that
/// must commit with its bookkeeping (an integration event handler and its "delivered" mark) opens it first;
/// request scopes never set it, and their contexts use the shared data source as usual.
/// </summary>
public sealed class ScopeTransaction
{
    public NpgsqlConnection? Connection { get; private set; }
    public NpgsqlTransaction? Transaction { get; private set; }

    public void Use(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (Connection is not null) throw new InvalidOperationException("This scope already has a transaction.");
        Connection = connection;
        Transaction = transaction;
    }
}
