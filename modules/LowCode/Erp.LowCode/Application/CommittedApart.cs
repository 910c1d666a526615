using Erp.Kernel.Data;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// A statement on a connection of its own, committed at once, beside whatever transaction the caller is in: for what must
/// stay written however that transaction ends (a failed webhook attempt, an import's progress).
/// </summary>
internal static class CommittedApart
{
    /// <param name="company">The company row-level security lets it write in; null for every company.</param>
    /// <param name="values">The statement's <c>$1</c>, <c>$2</c>...: values, or parameters that carry their own type.</param>
    public static async Task ExecuteAsync(NpgsqlDataSource data, Guid? company, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var batch = data.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CompanyRowSecurity.Naming(seesAll: company is null, company is { } only ? [only] : [])));
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(cancellationToken); // one implicit transaction, which the naming holds for
    }
}
