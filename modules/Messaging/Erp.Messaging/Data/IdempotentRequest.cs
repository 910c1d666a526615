namespace Erp.Messaging.Data;

/// <summary>
/// A write a caller sent with an <c>Idempotency-Key</c>: claimed in the request's own transaction, with the response kept
/// for replay once the request succeeded. Written and read by <see cref="Http.IdempotencyMiddleware"/> in SQL; mapped
/// here for the migration.
/// </summary>
internal sealed class IdempotentRequest
{
    private IdempotentRequest() { } // for EF Core

    /// <summary>Who sent it: <c>user:{id}</c> or <c>client:{client id}</c>. Keys are the caller's own.</summary>
    public string Owner { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of the method, path, query and body: a retry must send the same request.</summary>
    public byte[] Fingerprint { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public int? Status { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }
}
