using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Erp.AuditLogging.Domain;
using Microsoft.Extensions.Options;

namespace Erp.AuditLogging.Application;

/// <summary>
/// Request records on their way to the database: a bounded queue, so a slow or unreachable database costs requests
/// nothing but the records beyond its capacity, which are counted (never silently lost) instead of queued without end.
/// </summary>
internal sealed class RequestAuditQueue
{
    private readonly Channel<RequestRecord> _channel;
    private readonly Counter<long> _dropped;
    private long _droppedTotal;

    public RequestAuditQueue(IOptions<RequestAuditOptions> options, IMeterFactory meters)
    {
        _channel = Channel.CreateBounded<RequestRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            // Wait: a full queue makes TryWrite answer false (the Drop modes answer true and drop silently), and the
            // request never waits, since it only ever calls TryWrite.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        var meter = meters.Create("Erp.AuditLogging");
        _dropped = meter.CreateCounter<long>("erp.audit.requests.dropped", "{record}", "Request records dropped: the queue was full or the database refused them.");
        meter.CreateObservableGauge("erp.audit.requests.queued", () => _channel.Reader.Count, "{record}", "Request records waiting to be written.");
    }

    public ChannelReader<RequestRecord> Reader => _channel.Reader;

    /// <summary>Records dropped since start, as the counter reports them.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public void Enqueue(RequestRecord record)
    {
        if (!_channel.Writer.TryWrite(record)) CountDropped(1);
    }

    public void CountDropped(int records)
    {
        Interlocked.Add(ref _droppedTotal, records);
        _dropped.Add(records);
    }

    /// <summary>No more records: the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
