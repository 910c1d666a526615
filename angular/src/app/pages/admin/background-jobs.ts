import { Component, computed, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { Api } from '../../api/api';
import { listFailedJobs, listRecurringJobs, triggerRecurringJob } from '../../api/functions';
import { FailedJobDto, RecurringJobDto } from '../../api/models';
import { Problems } from '../../core/problems';
import { Session } from '../../core/session';

/** The recurring jobs (schedule, last and next run; run one now) and the jobs that failed, newest first. */
@Component({
  selector: 'app-background-jobs',
  imports: [DatePipe, TranslocoPipe, ButtonModule, MessageModule, TableModule, TagModule],
  templateUrl: './background-jobs.html',
})
export class BackgroundJobsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canTrigger = computed(() => this.session.can('BackgroundJobs.Jobs.Trigger'));

  protected readonly recurring = signal<RecurringJobDto[]>([]);
  protected readonly failed = signal<FailedJobDto[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly triggered = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      const [recurring, failed] = await Promise.all([this.api.invoke(listRecurringJobs), this.api.invoke(listFailedJobs, { take: 50 })]);
      this.recurring.set(recurring);
      this.failed.set(failed);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async trigger(job: RecurringJobDto): Promise<void> {
    try {
      await this.api.invoke(triggerRecurringJob, { id: job.id });
      this.triggered.set(job.id);
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}
