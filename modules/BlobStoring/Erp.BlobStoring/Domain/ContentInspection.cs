using System.Text;

namespace Erp.BlobStoring.Domain;

/// <summary>
/// Finds what an upload is from its bytes as they stream in, never from its name or declared type, and checks that it is
/// one well-formed file of that kind from its first byte to its last. Walking the structure to its end is what refuses a
/// polyglot: a valid picture with a script or an archive after its end marker is not a picture. Memory stays constant:
/// each format is a small state machine that skips over the data it does not need.
/// </summary>
internal sealed class ContentInspection
{
    // Long enough for every signature below.
    private const int HeadLength = 12;

    private readonly byte[] _head = new byte[HeadLength];
    private int _headLength;
    private FormatCheck? _check;

    /// <summary>The kind of file the first bytes announce; null while fewer than <see cref="HeadLength"/> have arrived.</summary>
    public BlobFileType? Type { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_check is null)
        {
            var take = Math.Min(bytes.Length, HeadLength - _headLength);
            bytes[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
            bytes = bytes[take..];
            if (_headLength < HeadLength) return;
            Decide();
        }

        _check!.Append(bytes);
    }

    /// <summary>
    /// After the last byte: the kind of file, or the code of why it is not acceptable as one of <paramref name="allowed"/>.
    /// Text is plain or CSV by <paramref name="extension"/>, since its bytes cannot tell.
    /// </summary>
    public (BlobFileType? Type, string? Error) Complete(IReadOnlyList<BlobFileType> allowed, string extension)
    {
        if (_check is null) Decide(); // a file shorter than every signature
        if (Type == BlobFileType.Text && BlobFileType.Csv.Extensions.Contains(extension)) Type = BlobFileType.Csv;
        if (!allowed.Contains(Type!)) return (null, BlobStoringErrors.TypeNotAllowed);
        // Bytes that are no text and announce no known format: an executable, an archive, anything unlisted.
        var isText = Type == BlobFileType.Text || Type == BlobFileType.Csv;
        return _check!.Complete() ? (Type, null) : (null, isText ? BlobStoringErrors.TypeNotAllowed : BlobStoringErrors.Malformed);
    }

    private void Decide()
    {
        var head = _head.AsSpan(0, _headLength);
        (Type, _check) = head switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => (BlobFileType.Png, new PngCheck()),
            [0xFF, 0xD8, 0xFF, ..] => (BlobFileType.Jpeg, new JpegCheck()),
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => (BlobFileType.Gif, new GifCheck()),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P'] => (BlobFileType.WebP, new WebPCheck()),
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => (BlobFileType.Pdf, new PdfCheck()),
            _ => (BlobFileType.Text, (FormatCheck)new TextCheck()),
        };
        _check.Append(head);
    }
}

/// <summary>One format's walk over the bytes.</summary>
internal abstract class FormatCheck
{
    public abstract void Append(ReadOnlySpan<byte> bytes);

    /// <summary>Whether the bytes so far are exactly one complete file.</summary>
    public abstract bool Complete();
}

/// <summary>
/// A format made of headers and lengths: asks for the next header (<see cref="Expect"/>), skips the data it does not read
/// (<see cref="Skip"/>), and says where the file ends (<see cref="End"/>); a byte after the end breaks it.
/// </summary>
internal abstract class StructureCheck : FormatCheck
{
    private readonly byte[] _header = new byte[16];
    private int _wanted, _have;
    private long _skip;
    private bool _ended;

    protected bool Broken { get; set; }

    protected StructureCheck(int first) => Expect(first);

    /// <summary>Called with the <see cref="Expect"/>ed number of bytes; calls <see cref="Expect"/>, <see cref="Skip"/> or <see cref="End"/> (or breaks).</summary>
    protected abstract void OnHeader(ReadOnlySpan<byte> header);

    /// <summary>
    /// Scans entropy-coded data (JPEG) when a format asks for it with <see cref="Scanning"/>: returns how many bytes it used.
    /// </summary>
    protected virtual int Scan(ReadOnlySpan<byte> bytes) => throw new NotSupportedException();

    protected bool Scanning { get; set; }

    protected void Expect(int count) => (_wanted, _have) = (count, 0);

    protected void Skip(long count) => _skip += count;

    protected void End() => _ended = true;

    public sealed override void Append(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0 && !Broken)
        {
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, bytes.Length);
                _skip -= skipped;
                bytes = bytes[skipped..];
            }
            else if (_ended) Broken = true; // something after the end
            else if (Scanning) bytes = bytes[Scan(bytes)..];
            else
            {
                var take = Math.Min(bytes.Length, _wanted - _have);
                bytes[..take].CopyTo(_header.AsSpan(_have));
                _have += take;
                bytes = bytes[take..];
                if (_have == _wanted) OnHeader(_header.AsSpan(0, _wanted));
            }
        }
    }

    public sealed override bool Complete() => !Broken && _ended && _skip == 0;
}

/// <summary>PNG: the signature, then chunks (length, type, data, CRC) from IHDR to IEND.</summary>
internal sealed class PngCheck() : StructureCheck(8)
{
    private bool _signed, _first = true;

    protected override void OnHeader(ReadOnlySpan<byte> header)
    {
        if (!_signed)
        {
            _signed = true;
            Expect(8);
            return;
        }

        var length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = header[4..8];
        if (length > int.MaxValue || _first && !type.SequenceEqual("IHDR"u8)) { Broken = true; return; }
        _first = false;
        Skip(length + 4);
        if (type.SequenceEqual("IEND"u8)) End();
        else Expect(8);
    }
}

/// <summary>
/// JPEG: markers and their length-prefixed segments from SOI to EOI; after each start of scan, entropy-coded data in which
/// a 0xFF byte is either stuffed (0x00), a restart marker, or the next marker.
/// </summary>
internal sealed class JpegCheck() : StructureCheck(2)
{
    private enum Step { Start, Marker, Length }

    private Step _step = Step.Start;
    private byte _marker;
    private bool _afterFF;

    protected override void OnHeader(ReadOnlySpan<byte> header)
    {
        switch (_step)
        {
            case Step.Start: // FF D8, checked by the signature
                NextMarker();
                break;
            case Step.Marker when header[0] == 0xFF: // fill byte, or the 0xFF before the marker
                Expect(1);
                break;
            case Step.Marker:
                OnMarker(header[0]);
                break;
            case Step.Length:
                var length = (header[0] << 8) | header[1];
                if (length < 2) { Broken = true; return; }
                Skip(length - 2);
                if (_marker == 0xDA) Scanning = true;
                else NextMarker();
                break;
        }
    }

    private void NextMarker()
    {
        _step = Step.Marker;
        Expect(1);
    }

    private void OnMarker(byte marker)
    {
        _marker = marker;
        if (marker == 0xD9) End();
        else if (marker is >= 0xD0 and <= 0xD7 or 0x01) NextMarker();
        else if (marker is 0xD8 or 0x00) Broken = true;
        else
        {
            _step = Step.Length;
            Expect(2);
        }
    }

    protected override int Scan(ReadOnlySpan<byte> bytes)
    {
        var used = 0;
        while (used < bytes.Length)
        {
            if (!_afterFF)
            {
                var ff = bytes[used..].IndexOf((byte)0xFF);
                if (ff < 0) return bytes.Length;
                used += ff + 1;
                _afterFF = true;
                continue;
            }

            var next = bytes[used++];
            if (next == 0xFF) continue; // fill
            _afterFF = false;
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7) continue; // stuffed byte, restart marker
            Scanning = false;
            OnMarker(next);
            return used;
        }

        return used;
    }
}

/// <summary>GIF: header and screen descriptor, then extensions and images (sub-blocks) up to the trailer.</summary>
internal sealed class GifCheck() : StructureCheck(13)
{
    private enum Step { Screen, Block, Label, Image, CodeSize, SubBlock }

    private Step _step = Step.Screen;

    protected override void OnHeader(ReadOnlySpan<byte> header)
    {
        switch (_step)
        {
            case Step.Screen:
                SkipColorTable(header[10]);
                NextBlock();
                break;
            case Step.Block when header[0] == 0x21:
                _step = Step.Label;
                Expect(1);
                break;
            case Step.Block when header[0] == 0x2C:
                _step = Step.Image;
                Expect(9);
                break;
            case Step.Block when header[0] == 0x3B:
                End();
                break;
            case Step.Block:
                Broken = true;
                break;
            case Step.Label:
                NextSubBlock();
                break;
            case Step.Image:
                SkipColorTable(header[8]);
                _step = Step.CodeSize;
                Expect(1);
                break;
            case Step.CodeSize:
                NextSubBlock();
                break;
            case Step.SubBlock when header[0] == 0:
                NextBlock();
                break;
            case Step.SubBlock:
                Skip(header[0]);
                NextSubBlock();
                break;
        }
    }

    private void SkipColorTable(byte flags)
    {
        if ((flags & 0x80) != 0) Skip(3 << ((flags & 0x07) + 1));
    }

    private void NextBlock()
    {
        _step = Step.Block;
        Expect(1);
    }

    private void NextSubBlock()
    {
        _step = Step.SubBlock;
        Expect(1);
    }
}

/// <summary>WebP: one RIFF container whose declared size is exactly the file's.</summary>
internal sealed class WebPCheck() : StructureCheck(12)
{
    protected override void OnHeader(ReadOnlySpan<byte> header)
    {
        var size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
        if (size < 4) { Broken = true; return; }
        Skip(size - 4);
        End();
    }
}

/// <summary>
/// PDF: the header, and the last end-of-file marker at the very end (only line breaks and spaces after it). PDF readers
/// start from the end, so an archive or a script appended after <c>%%EOF</c> is what a polyglot PDF carries.
/// </summary>
internal sealed class PdfCheck : FormatCheck
{
    private const int TailLength = 1024;
    private readonly byte[] _tail = new byte[TailLength];
    private int _tailLength;

    public override void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= TailLength)
        {
            bytes[^TailLength..].CopyTo(_tail);
            _tailLength = TailLength;
            return;
        }

        var keep = Math.Min(_tailLength, TailLength - bytes.Length);
        _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
        bytes.CopyTo(_tail.AsSpan(keep));
        _tailLength = keep + bytes.Length;
    }

    public override bool Complete() => _tail.AsSpan(0, _tailLength).TrimEnd(" \r\n\t\0"u8).EndsWith("%%EOF"u8);
}

/// <summary>Text: UTF-8 (a byte order mark allowed) without control characters other than tabs, line and page breaks.</summary>
internal sealed class TextCheck : FormatCheck
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars = new char[4096];
    private bool _broken;

    public override void Append(ReadOnlySpan<byte> bytes) => Decode(bytes, flush: false);

    public override bool Complete()
    {
        Decode([], flush: true);
        return !_broken;
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        try
        {
            var completed = false;
            while (!_broken && (!completed || bytes.Length > 0))
            {
                _decoder.Convert(bytes, _chars, flush, out var used, out var written, out completed);
                bytes = bytes[used..];
                foreach (var c in _chars.AsSpan(0, written))
                    if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) _broken = true;
                if (used == 0 && written == 0) break;
            }
        }
        catch (DecoderFallbackException)
        {
            _broken = true;
        }
    }
}
