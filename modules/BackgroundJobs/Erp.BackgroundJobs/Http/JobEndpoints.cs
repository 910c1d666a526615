using System.ComponentModel.DataAnnotations;
using Erp.BackgroundJobs.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.BackgroundJobs.Http;

internal static class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder api)
    {
        var jobs = api.MapGroup("/api/background-jobs").WithTags("Background jobs").WithStandardProblems();
        jobs.MapGet("/recurring", Recurring).WithName("ListRecurringJobs").RequirePermission(BackgroundJobsPermissions.Jobs)
            .WithSummary("The recurring jobs modules and plugins registered, with their last and next run.");
        jobs.MapGet("/failed", Failed).WithName("ListFailedJobs").RequirePermission(BackgroundJobsPermissions.Jobs)
            .WithSummary("Runs that failed after their retries, newest first.");
        jobs.MapGet("/statistics", Statistics).WithName("GetBackgroundJobStatistics").RequirePermission(BackgroundJobsPermissions.Jobs)
            .WithSummary("How many jobs are enqueued, scheduled, processing, succeeded, failed and deleted, and how many servers run them.");
        jobs.MapPost("/recurring/{id}/trigger", Trigger).WithName("TriggerRecurringJob").RequirePermission(BackgroundJobsPermissions.Trigger)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Runs a recurring job now, outside its schedule.");
    }

    private static Ok<IReadOnlyList<RecurringJobDto>> Recurring(JobService jobs) => TypedResults.Ok(jobs.Recurring());

    private static Ok<IReadOnlyList<FailedJobDto>> Failed(JobService jobs, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(jobs.Failed(skip, take));

    private static Ok<JobStatisticsDto> Statistics(JobService jobs) => TypedResults.Ok(jobs.Statistics());

    private static Accepted Trigger([StringLength(200)] string id, JobService jobs)
    {
        jobs.Trigger(id);
        return TypedResults.Accepted((string?)null);
    }
}
