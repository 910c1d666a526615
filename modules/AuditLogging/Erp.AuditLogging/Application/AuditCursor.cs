using System.Buffers.Binary;
using System.Buffers.Text;
using Erp.Kernel.Domain;

namespace Erp.AuditLogging.Application;

/// <summary>Where a page ended: the last row's time and id, opaque to clients (base64url).</summary>
internal readonly record struct AuditCursor(DateTimeOffset OccurredAt, Guid Id)
{
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, OccurredAt.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static AuditCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        Span<byte> bytes = stackalloc byte[24];
        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
        if (!Convert.TryFromBase64String(padded, bytes, out var written) || written != 24
            || BinaryPrimitives.ReadInt64BigEndian(bytes) is var ticks && (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks))
            throw new InvalidFieldsException("after", AuditLoggingErrors.InvalidCursor);
        return new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
    }
}
