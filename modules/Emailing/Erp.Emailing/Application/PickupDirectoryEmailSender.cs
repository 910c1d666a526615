using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.Emailing.Application;

/// <summary>
/// Development's sender: writes each message as an RFC 5322 <c>.eml</c> file any mail client opens, and logs where.
/// Mail carries sign-in links, so the folder and the files are readable by their owner only.
/// </summary>
internal sealed class PickupDirectoryEmailSender(IOptions<EmailingOptions> options, IHostEnvironment environment,
    TimeProvider clock, ILogger<PickupDirectoryEmailSender> logger)
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public async Task SendAsync(SmtpRelay sender, EmailMessage message, CancellationToken cancellationToken)
    {
        using var mime = sender.ToMime(message, clock.GetUtcNow());
        var folder = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnlyFolder);

        var path = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written aside, then renamed: whoever picks mail up never sees half a message.
        var partial = path + ".partial";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = OwnerOnlyFile;
        await using (var file = new FileStream(partial, create))
            await mime.WriteToAsync(file, cancellationToken);
        File.Move(partial, path);
        logger.LogInformation("Email '{Subject}' to {Recipient} written to {Path}", message.Subject, message.To, path);
    }
}
