import { Component, computed, inject, signal } from '@angular/core';
import { DatePipe, DecimalPipe } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { Api } from '../../api/api';
import { listBackups, triggerRecurringJob } from '../../api/functions';
import { BackupDto } from '../../api/models';
import { Problems } from '../../core/problems';
import { Session } from '../../core/session';

/** The recurring jobs of the backups module (modules/Backups, BackupJobs.cs): back up now, check the newest now. */
const createJob = 'Backups.Create';
const checkJob = 'Backups.Check';

/**
 * The complete backups, newest first, with their figures and how their last restore check went (the problems it found);
 * for those who may run jobs, a backup or a check of the newest one now (they run as background jobs: refresh to see them).
 */
@Component({
  selector: 'app-backups',
  imports: [DatePipe, DecimalPipe, TranslocoPipe, ButtonModule, MessageModule, TableModule, TagModule],
  templateUrl: './backups.html',
  styles: `
    .run {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-block-end: 1rem;
    }
    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .problems {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
    }
  `,
})
export class BackupsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canRun = computed(() => this.session.can('BackgroundJobs.Jobs.Trigger'));

  /** Null until read. */
  protected readonly configured = signal<boolean | null>(null);
  protected readonly backups = signal<BackupDto[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly queued = signal<'create' | 'check' | null>(null);
  protected readonly mebibyte = 1024 * 1024;

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      const answer = await this.api.invoke(listBackups);
      this.configured.set(answer.configured);
      this.backups.set(answer.backups);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async run(job: 'create' | 'check'): Promise<void> {
    try {
      await this.api.invoke(triggerRecurringJob, { id: job === 'create' ? createJob : checkJob });
      this.queued.set(job);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}
