using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.Kernel.Hosting;

/// <summary>Whether and when an instance gives back the memory its start-up used (<c>StartupMemory</c> in configuration).</summary>
public sealed class StartupMemoryOptions
{
    public const string Section = "StartupMemory";

    /// <summary>Off where one process hosts many instances (the tests): the collection is the whole process's.</summary>
    public bool Release { get; set; } = true;

    /// <summary>After the host started: past the job server's start (<c>BackgroundJobs:StartDelay</c>, 5 s) and the warm-ups.</summary>
    public TimeSpan ReleaseAfter { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The resident memory (RSS) before and after a release, in MiB.</summary>
public sealed record StartupMemoryFigures(long BeforeMiB, long AfterMiB);

/// <summary>
/// Gives the operating system back, once, the memory start-up used and an idle instance no longer needs. Start-up
/// allocates far more than the instance then keeps (type loading, JIT, building endpoints, models and the job server):
/// the GC keeps the regions those allocations touched committed, and the C library keeps the runtime's freed native
/// blocks, until something asks for them. One compacting full collection in aggressive mode (which decommits what it
/// frees) and glibc's <c>malloc_trim</c> take 15-30 MiB off an idle instance (docs/operations.md, Start-up); the single
/// pause (30-60 ms on two cores) comes long after the instance took its first requests.
/// </summary>
public sealed class StartupMemoryRelease(
    IHostApplicationLifetime lifetime, IOptions<StartupMemoryOptions> options, ILogger<StartupMemoryRelease> logger) : BackgroundService
{
    private readonly TaskCompletionSource<StartupMemoryFigures> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the figures once the memory is released; never, when releasing is off or the host stopped first.</summary>
    public Task<StartupMemoryFigures> Released => _released.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Release) return;
        try
        {
            await HasStartedAsync(stoppingToken);
            await Task.Delay(options.Value.ReleaseAfter, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
        var figures = new StartupMemoryFigures(before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
        logger.LogInformation("Start-up memory released: resident {BeforeMiB} -> {AfterMiB} MiB", figures.BeforeMiB, figures.AfterMiB);
        _released.TrySetResult(figures);
    }

    private async Task HasStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0); // 1 when it gave memory back, 0 when there was none to give: either is fine
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without malloc_trim (musl): its allocator returns memory by itself.
        }
    }

    // DllImport, not LibraryImport: the signature is blittable, and the generator would need unsafe code in the kernel.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
