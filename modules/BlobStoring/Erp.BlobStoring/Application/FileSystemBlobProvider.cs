using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Erp.BlobStoring.Application;

/// <summary>
/// Keeps each container in a folder under <c>BlobStoring:FileSystem:Path</c>: uploads are written to <c>.staging</c>,
/// flushed to disk, and renamed under their key (a rename within one file system is atomic, so a reader never sees half
/// a file). Folders and files are readable by the host's user only.
/// </summary>
internal sealed class FileSystemBlobProvider(IOptions<BlobStoringOptions> options, IHostEnvironment environment) : IBlobProvider
{
    private const string Staging = ".staging";
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private string Root => Path.GetFullPath(options.Value.FileSystem.Path, environment.ContentRootPath);

    public Task<IStagedUpload> StageAsync(string container, CancellationToken cancellationToken)
    {
        var folder = CreateFolder(Path.Combine(Root, container, Staging));
        return Task.FromResult<IStagedUpload>(new StagedFile(this, container, Path.Combine(folder, Guid.NewGuid().ToString("N"))));
    }

    public Task<bool> ExistsAsync(string container, string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(container, key)));

    public Task<Stream> OpenReadAsync(string container, string key, long length, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(container, key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true));

    public Task DeleteAsync(string container, string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(container, key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string container, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Root, container);
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            yield return new StoredObject(key, File.GetLastWriteTimeUtc(file), key.StartsWith(Staging + "/", StringComparison.Ordinal));
        }

        await Task.CompletedTask;
    }

    public BlobLinkDto? Link(string container, string key, string fileName, string contentType) => null;

    // Keys come from content hashes, never from callers; the check keeps it that way if that ever changes.
    private string PathOf(string container, string key)
    {
        var folder = Path.GetFullPath(Path.Combine(Root, container)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, key));
        if (!path.StartsWith(folder, StringComparison.Ordinal)) throw new InvalidOperationException($"Blob key '{key}' leaves its container.");
        return path;
    }

    private static string CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnlyFolder);
        return folder;
    }

    private sealed class StagedFile(FileSystemBlobProvider provider, string container, string path) : IStagedUpload
    {
        private FileStream? _file = Create(path);
        private bool _committed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => _file!.WriteAsync(bytes, cancellationToken);

        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            await _file!.FlushAsync(cancellationToken);
            _file.Flush(flushToDisk: true); // durable before the metadata row says it exists
            await _file.DisposeAsync();
            _file = null;
        }

        public Task<Stream> OpenReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true));

        public Task CommitAsync(string key, CancellationToken cancellationToken)
        {
            var target = provider.PathOf(container, key);
            CreateFolder(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(path, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                File.Delete(path); // the same content is there already
            }

            _committed = true;
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            if (_file is not null) await _file.DisposeAsync();
            if (!_committed) File.Delete(path);
        }

        private static FileStream Create(string path)
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous, BufferSize = 0 };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = OwnerOnlyFile;
            return new FileStream(path, create);
        }
    }
}
