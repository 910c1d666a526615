using StackExchange.Redis;

namespace Erp.Caching.Data;

/// <summary>
/// Connects once, lazily, and never fails start-up: with Redis down the multiplexer keeps retrying in the
/// background, commands fail fast (no backlog), and the cache and rate limits fall back to the instance.
/// </summary>
internal sealed class RedisConnection(string? configuration, string keyPrefix) : IRedisConnection, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer?> _multiplexer = new(() => Connect(configuration, keyPrefix));

    public IConnectionMultiplexer? Multiplexer => _multiplexer.Value;

    public string KeyPrefix { get; } = keyPrefix;

    public bool IsConfigured => configuration is not null;

    private static ConnectionMultiplexer? Connect(string? configuration, string keyPrefix)
    {
        if (configuration is null) return null;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        // Fail at once while disconnected, rather than queue commands: callers have a fallback, requests must not wait.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ChannelPrefix = RedisChannel.Literal(keyPrefix);
        options.ClientName ??= $"erp:{Environment.MachineName}:{Environment.ProcessId}";
        return ConnectionMultiplexer.Connect(options);
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value?.Dispose();
    }
}
