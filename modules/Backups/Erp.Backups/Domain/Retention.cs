using System.Globalization;

namespace Erp.Backups.Domain;

/// <summary>
/// Which backups to keep (grandfather-father-son): the newest of each of the last <see cref="Daily"/> days that have one,
/// of the last <see cref="Weekly"/> ISO weeks, and of the last <see cref="Monthly"/> months; the newest backup always.
/// </summary>
public sealed record Retention(int Daily, int Weekly, int Monthly)
{
    /// <summary>The backups these rules no longer keep.</summary>
    public IReadOnlyList<string> ToRemove(IReadOnlyCollection<(string Id, DateTimeOffset CreatedAt)> backups)
    {
        var newestFirst = backups.OrderByDescending(b => b.CreatedAt).ToList();
        var kept = new HashSet<string>(newestFirst.Take(1).Select(b => b.Id));
        Keep(b => b.CreatedAt.UtcDateTime.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Daily);
        Keep(b => $"{ISOWeek.GetYear(b.CreatedAt.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(b.CreatedAt.UtcDateTime)}", Weekly);
        Keep(b => b.CreatedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), Monthly);
        return [.. newestFirst.Where(b => !kept.Contains(b.Id)).Select(b => b.Id)];

        // The newest backup of each of the last `count` periods that have one.
        void Keep(Func<(string Id, DateTimeOffset CreatedAt), string> period, int count)
        {
            foreach (var newest in newestFirst.GroupBy(period).Take(count).Select(g => g.First())) kept.Add(newest.Id);
        }
    }
}
