using System.Diagnostics.Metrics;
using System.Globalization;
using Erp.Kernel.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Erp.Kernel.Diagnostics;

/// <summary>
/// Gauges whose values a module reads from PostgreSQL when metrics are read (a scrape): one measurement per row of its
/// query, the value from the first column and a tag from each other column (named as the column), over every company's
/// rows (system work), on the read replica when one is configured (<see cref="ReadReplica"/>). Each instance reports the
/// same figures; dashboards and alerts take the max over instances.
/// Registered with <see cref="AddDatabaseGauge"/>.
/// </summary>
public static class DatabaseGauges
{
    /// <summary>
    /// Declares the gauge <paramref name="name"/> (<c>erp.&lt;module&gt;.&lt;what&gt;</c>) of meter <paramref name="meter"/>
    /// (<c>Erp.&lt;Module&gt;</c>), read with <paramref name="sql"/>. Keep the query to an aggregate over an index: it runs
    /// on every scrape of every instance.
    /// </summary>
    public static IServiceCollection AddDatabaseGauge(this IServiceCollection services, string meter, string name, string unit, string description, string sql)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Gauges>());
        return services.AddSingleton(new Definition(meter, name, unit, description, sql));
    }

    /// <summary>The rows of <paramref name="sql"/> as measurements; none when PostgreSQL is out of reach.</summary>
    internal static IEnumerable<Measurement<double>> Read(NpgsqlDataSource dataSource, string sql)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands = { new($"SET LOCAL {CompanyRowSecurity.Setting} = '*'"), new(sql) },
                Timeout = 5,
            };
            using var reader = batch.ExecuteReader();
            var measurements = new List<Measurement<double>>();
            do
            {
                while (reader.Read())
                {
                    var tags = Enumerable.Range(1, reader.FieldCount - 1)
                        .Select(i => new KeyValuePair<string, object?>(reader.GetName(i), reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
                    measurements.Add(new Measurement<double>(reader.IsDBNull(0) ? 0 : Convert.ToDouble(reader.GetValue(0), CultureInfo.InvariantCulture), [.. tags]));
                }
            }
            while (reader.NextResult());
            return measurements;
        }
        catch (NpgsqlException)
        {
            // The series goes stale and the readiness alert speaks, rather than a scrape that fails as a whole.
            return [];
        }
    }

    private sealed record Definition(string Meter, string Name, string Unit, string Description, string Sql);

    // One hosted service creates every module's gauges when the host starts.
    // They read the read replica when there is one: every instance runs every query on every scrape, and a figure a few
    // seconds old serves a dashboard or an alert as well.
    private sealed class Gauges(IEnumerable<Definition> definitions, IMeterFactory meters, [FromKeyedServices(ReadReplica.Key)] NpgsqlDataSource dataSource)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var gauge in definitions)
                meters.Create(gauge.Meter).CreateObservableGauge(gauge.Name, () => Read(dataSource, gauge.Sql), gauge.Unit, gauge.Description);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
