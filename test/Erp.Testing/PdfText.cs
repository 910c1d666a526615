using System.Diagnostics;

namespace Erp.Testing;

/// <summary>Reads a PDF back as text with poppler's <c>pdftotext</c>, as a person reading the printed page would (layout kept).</summary>
public static class PdfText
{
    public static async Task<string> OfAsync(byte[] pdf)
    {
        var start = new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start (Debian: apt-get install poppler-utils).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(pdf);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pdftotext failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}
