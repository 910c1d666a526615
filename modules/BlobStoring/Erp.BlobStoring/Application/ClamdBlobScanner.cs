using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Erp.BlobStoring.Application;

/// <summary>
/// Scans uploads with ClamAV's daemon over its <c>INSTREAM</c> command (length-prefixed chunks, then a zero length),
/// reading <c>stream: OK</c> or <c>stream: &lt;signature&gt; FOUND</c>. No maintained .NET client is served here, and the
/// protocol is these few lines.
/// </summary>
internal sealed class ClamdBlobScanner(IOptions<BlobStoringOptions> options) : IBlobScanner
{
    private const int ChunkSize = 64 * 1024;

    public async Task<string?> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        var clamd = options.Value.Clamd;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(clamd.Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(clamd.Host!, clamd.Port, timeout.Token);
        await using var stream = client.GetStream();
        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkSize), timeout.Token)) > 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                await stream.WriteAsync(buffer.AsMemory(0, read + 4), timeout.Token);
            }

            BinaryPrimitives.WriteUInt32BigEndian(buffer, 0);
            await stream.WriteAsync(buffer.AsMemory(0, 4), timeout.Token);

            var reply = new MemoryStream();
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), timeout.Token)) > 0)
            {
                reply.Write(buffer, 0, read);
                if (buffer[read - 1] == 0) break;
            }

            var answer = Encoding.ASCII.GetString(reply.ToArray()).TrimEnd('\0').Trim();
            if (answer.EndsWith(" OK", StringComparison.Ordinal)) return null;
            if (answer.EndsWith(" FOUND", StringComparison.Ordinal)) return answer[(answer.IndexOf(':', StringComparison.Ordinal) + 1)..^" FOUND".Length].Trim();
            throw new IOException($"clamd answered '{answer}'.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
