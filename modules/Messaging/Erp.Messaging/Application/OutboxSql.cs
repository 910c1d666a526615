using Npgsql;

namespace Erp.Messaging.Application;

/// <summary>The dispatcher's and the delivery runner's one way to run a statement on a connection they hold.</summary>
internal static class OutboxSql
{
    public static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
