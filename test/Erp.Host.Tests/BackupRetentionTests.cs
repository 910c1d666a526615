using Erp.Backups.Domain;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Which backups the retention rules keep: the newest per day, ISO week and month, for as many as each count says.</summary>
public sealed class BackupRetentionTests
{
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NightlyBackupsForAYear_KeepSevenDaysFourWeeksSixMonths()
    {
        var nightly = Enumerable.Range(0, 365).Select(d => (Id: $"n{d}", CreatedAt: Friday.AddDays(-d))).ToList();

        var removed = new Retention(Daily: 7, Weekly: 4, Monthly: 6).ToRemove(nightly);
        var kept = nightly.Where(b => !removed.Contains(b.Id)).Select(b => b.CreatedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        kept.ShouldBe([
            "2026-12-04", "2026-12-03", "2026-12-02", "2026-12-01", "2026-11-30", "2026-11-29", "2026-11-28", // 7 days
            "2026-11-22", "2026-11-15", // the newest of the 3rd and 4th ISO week back (the 1st and 2nd are among the days)
            "2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", // the newest of each month (December and November are kept already)
        ]);
    }

    [Fact]
    public void SeveralBackupsADay_KeepTheNewestOfEachDay_AndAlwaysTheNewest()
    {
        List<(string Id, DateTimeOffset CreatedAt)> backups = [("morning", Friday), ("noon", Friday.AddHours(10)), ("yesterday", Friday.AddDays(-1))];

        new Retention(Daily: 2, Weekly: 0, Monthly: 0).ToRemove(backups).ShouldBe(["morning"]);
        new Retention(Daily: 0, Weekly: 0, Monthly: 0).ToRemove(backups).ShouldBe(["morning", "yesterday"]);
    }
}
