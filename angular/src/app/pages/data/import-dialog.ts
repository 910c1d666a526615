import { Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { CheckboxModule } from 'primeng/checkbox';
import { DialogModule } from 'primeng/dialog';
import { MessageModule } from 'primeng/message';
import { ProgressBarModule } from 'primeng/progressbar';
import { SelectModule } from 'primeng/select';
import { PluralPipe } from '../../core/plural';
import { Api } from '../../api/api';
import {
  getImport,
  importRecords$Csv,
  importRecords$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet,
} from '../../api/functions';
import { EntityViewDto, ImportMode, ImportRunDto, RecordImportResultDto } from '../../api/models';
import { Problems } from '../../core/problems';

/** How often the dialog asks how far a running import got. */
const progressInterval = 500;

/**
 * Imports a CSV file or an Excel workbook into the entity: all rows or none, or each good row; a dry run first if the user
 * likes. While the server works through the rows, the dialog shows how far it got (any instance answers: the import's
 * progress is kept in the database), then what each failed row was refused for.
 */
@Component({
  selector: 'app-import-dialog',
  imports: [FormsModule, PluralPipe, TranslocoPipe, ButtonModule, CheckboxModule, DialogModule, MessageModule, ProgressBarModule, SelectModule],
  templateUrl: './import-dialog.html',
})
export class ImportDialog {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);

  readonly view = input.required<EntityViewDto>();
  /** The dialog closed: the list reloads. */
  readonly closed = output<void>();

  protected file: File | null = null;
  protected mode: ImportMode = 'AllOrNothing';
  protected dryRun = false;
  protected key: string | null = null;
  protected readonly modes: ImportMode[] = ['AllOrNothing', 'PerRow'];
  protected readonly keys = computed(() => this.view().fields.filter((f) => f.type !== 'Lines'));

  protected readonly running = signal(false);
  protected readonly progress = signal<ImportRunDto | null>(null);
  protected readonly result = signal<RecordImportResultDto | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly failedRows = computed(() => this.result()?.rows.filter((r) => r.action === 'Failed') ?? []);
  protected readonly percent = computed(() => {
    const run = this.progress();
    return run && run.rows > 0 ? Math.round((run.processed / run.rows) * 100) : 0;
  });

  protected choose(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.result.set(null);
  }

  protected async start(): Promise<void> {
    if (!this.file) return;
    const importId = crypto.randomUUID();
    const params = { entity: this.view().name, importId, mode: this.mode, dryRun: this.dryRun, key: this.key ?? undefined };
    this.running.set(true);
    this.failure.set(null);
    this.result.set(null);
    this.progress.set(null);
    const watching = setInterval(() => void this.watch(importId), progressInterval);
    try {
      const workbook = this.file.name.toLowerCase().endsWith('.xlsx');
      this.result.set(
        workbook
          ? await this.api.invoke(importRecords$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet, { ...params, body: this.file })
          : await this.api.invoke(importRecords$Csv, { ...params, body: this.file }),
      );
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      clearInterval(watching);
      this.running.set(false);
    }
  }

  // The import's progress so far; before the server has recorded it, there is none yet (404), which is no failure.
  private async watch(importId: string): Promise<void> {
    try {
      const run = await this.api.invoke(getImport, { entity: this.view().name, id: importId });
      if (this.running()) this.progress.set(run);
    } catch {
      // not started yet
    }
  }

  protected errorsOf(errors: Record<string, string[]> | null | undefined): string {
    return Object.entries(errors ?? {})
      .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
      .join('; ');
  }
}
