using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Messaging;
using Erp.Kernel.Security;
using Erp.Messaging.Application;
using Erp.Messaging.Data.Configurations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Erp.Messaging.Http;

/// <summary>
/// Runs a keyed write (<see cref="IdempotencyKeys"/>) once. The request runs in one unit of work that also claims its key
/// (owner, key) and, when it succeeds, keeps the response: the key commits with the writes or not at all. So an instance
/// that dies mid-request leaves neither, and the retry runs afresh; a retry after the commit gets the kept response; a
/// retry racing the first waits on the key's row (PostgreSQL's unique index) until the first ends, for at most
/// <see cref="MessagingOptions.IdempotencyWait"/>, then 409 with Retry-After. A request that does not succeed gives its key
/// back (its writes commit as they would without a key), so the caller may fix it and send it again with the same key.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IOptions<MessagingOptions> options, TimeProvider clock)
{
    private const string LockNotAvailable = "55P03";
    private const string Table = $"{OutboxTables.Schema}.{IdempotentRequestConfiguration.Table}";

    // Larger answers (exports sent by POST, which are reads) are not kept: a repeat runs again.
    private const int MaxKeptBody = 1 << 20;

    public async Task InvokeAsync(HttpContext context)
    {
        // Scoped: from the request's services, not a parameter (ConventionTests.Middlewares_InvokeWithTheHttpContextOnly).
        var caller = context.RequestServices.GetRequiredService<ICurrentUser>();
        var keys = context.Request.Headers[IdempotencyKeys.Header];
        if (keys.Count == 0 || !Applies(context, caller))
        {
            await next(context);
            return;
        }

        if (keys.Count > 1 || KeyOf(keys[0]) is not { } key)
        {
            await context.WriteProblemAsync(StatusCodes.Status400BadRequest, MessagingErrors.IdempotencyKeyInvalid,
                new LocalizableText(MessagingErrors.IdempotencyKeyInvalid, IdempotencyKeys.Header, IdempotencyKeys.MaxKeyLength));
            return;
        }

        var request = new KeyedRequest(caller.ClientId is { } client ? $"client:{client}" : $"user:{caller.UserId}", key,
            await FingerprintAsync(context.Request, context.RequestAborted));
        var unitOfWork = context.RequestServices.GetRequiredService<UnitOfWork>();
        var original = context.Response.Body;
        using var answer = new MemoryStream();
        (bool Ran, KeptResponse? Earlier) outcome;
        try
        {
            outcome = await unitOfWork.RunAsync(async () =>
            {
                var table = new KeyTable(unitOfWork);
                if (!await table.ClaimAsync(request, clock.GetUtcNow(), options.Value, context.RequestAborted))
                    return (false, await table.ReadAsync(request, context.RequestAborted));
                context.Response.Body = answer;
                await next(context);
                if (context.Response.StatusCode is >= 200 and < 300 && answer.Length <= MaxKeptBody)
                    await table.KeepAsync(request, context.Response, answer.ToArray(), context.RequestAborted);
                else
                    await table.GiveBackAsync(request, context.RequestAborted);
                return (true, null);
            }, context.RequestAborted);
        }
        catch (PostgresException waited) when (waited.SqlState == LockNotAvailable)
        {
            outcome = (false, null);
        }
        finally
        {
            context.Response.Body = original;
        }

        var (ran, earlier) = outcome;
        if (ran)
        {
            answer.Position = 0;
            await answer.CopyToAsync(original, context.RequestAborted); // only now, after the commit
        }
        else if (earlier is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await context.WriteProblemAsync(StatusCodes.Status409Conflict, MessagingErrors.IdempotencyKeyInProgress,
                new LocalizableText(MessagingErrors.IdempotencyKeyInProgress));
        }
        else if (!earlier.Fingerprint.AsSpan().SequenceEqual(request.Fingerprint))
        {
            await context.WriteProblemAsync(StatusCodes.Status422UnprocessableEntity, MessagingErrors.IdempotencyKeyReused,
                new LocalizableText(MessagingErrors.IdempotencyKeyReused));
        }
        else
        {
            context.Response.StatusCode = earlier.Status;
            context.Response.ContentType = earlier.ContentType;
            if (earlier.Location is not null) context.Response.Headers.Location = earlier.Location;
            context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
            await context.Response.Body.WriteAsync(earlier.Body, context.RequestAborted);
        }
    }

    // Writes of a signed-in caller to the API: keys are the caller's own. Sign-in, the token endpoint and anonymous
    // forms stay out, so a key can never take back a failed sign-in's count toward lockout. Endpoints that end
    // transactions of their own (schema changes) cannot run inside the key's, and are repeatable by design.
    private static bool Applies(HttpContext context, ICurrentUser caller) =>
        caller.IsAuthenticated && (caller.UserId is not null || caller.ClientId is not null)
        && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method))
        && context.Request.Path.StartsWithSegments("/api")
        && context.GetEndpoint()?.Metadata.GetMetadata<OwnTransactionsMetadata>() is null;

    // A key is 1 to 255 visible ASCII characters, sent bare or as a structured-field string ("...").
    private static string? KeyOf(string? sent)
    {
        var key = sent is ['"', .. var inner, '"'] ? inner : sent;
        return key is { Length: > 0 and <= IdempotencyKeys.MaxKeyLength } && key.All(c => c is > ' ' and <= '~') ? key : null;
    }

    private static async Task<byte[]> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0) hash.AppendData(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private sealed record KeyedRequest(string Owner, string Key, byte[] Fingerprint);

    private sealed record KeptResponse(byte[] Fingerprint, int Status, string? ContentType, string? Location, byte[] Body);

    // The key's row, written in the unit of work's transaction.
    private sealed class KeyTable(UnitOfWork unitOfWork)
    {
        /// <summary>Takes the key (new, or expired and taken again); false when a live request holds it.</summary>
        public async Task<bool> ClaimAsync(KeyedRequest request, DateTimeOffset now, MessagingOptions options, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(unitOfWork.Connection, unitOfWork.Transaction)
            {
                BatchCommands =
                {
                    new($"SET LOCAL lock_timeout = {(long)options.IdempotencyWait.TotalMilliseconds}"),
                    new($"""
                        INSERT INTO {Table} AS r (owner, key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (owner, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at,
                            status = NULL, content_type = NULL, location = NULL, body = NULL
                        WHERE r.created_at < $5
                        RETURNING true
                        """)
                    {
                        Parameters = { new() { Value = request.Owner }, new() { Value = request.Key }, new() { Value = request.Fingerprint },
                            new() { Value = now }, new() { Value = now - options.IdempotencyKeyLifetime } },
                    },
                    new("SET LOCAL lock_timeout TO DEFAULT"),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var claimed = false; // the insert's row, whichever result set the reader counts it in
            do
            {
                while (await reader.ReadAsync(cancellationToken)) claimed = true;
            }
            while (await reader.NextResultAsync(cancellationToken));
            return claimed;
        }

        public async Task<KeptResponse?> ReadAsync(KeyedRequest request, CancellationToken cancellationToken)
        {
            await using var command = Command($"SELECT fingerprint, status, content_type, location, body FROM {Table} WHERE owner = $1 AND key = $2",
                request.Owner, request.Key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(1, cancellationToken)) return null;
            return new KeptResponse(reader.GetFieldValue<byte[]>(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<byte[]>(4));
        }

        public async Task KeepAsync(KeyedRequest request, HttpResponse response, byte[] body, CancellationToken cancellationToken)
        {
            await using var command = Command($"UPDATE {Table} SET status = $3, content_type = $4, location = $5, body = $6 WHERE owner = $1 AND key = $2",
                request.Owner, request.Key, response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } at ? at : null, body);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task GiveBackAsync(KeyedRequest request, CancellationToken cancellationToken)
        {
            await using var command = Command($"DELETE FROM {Table} WHERE owner = $1 AND key = $2", request.Owner, request.Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private NpgsqlCommand Command(string sql, params object?[] values)
        {
            var command = new NpgsqlCommand(sql, unitOfWork.Connection, unitOfWork.Transaction);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            return command;
        }
    }
}
