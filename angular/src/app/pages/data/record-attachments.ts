import { DecimalPipe } from '@angular/common';
import { Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { Api } from '../../api/api';
import { addAttachment, deleteAttachment, downloadAttachment, listAttachments } from '../../api/functions';
import { AttachmentDto } from '../../api/models';
import { Problems } from '../../core/problems';
import { saveFile } from './save-file';

/** The files attached to a record: download, attach (checked by the server against the allowed kinds and size), remove. */
@Component({
  selector: 'app-record-attachments',
  imports: [DecimalPipe, TranslocoPipe, ButtonModule, MessageModule],
  template: `
    <section class="panel" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{{ 'data.attachments' | transloco }}</h2>
      <ul class="files">
        @for (file of files(); track file.id) {
          <li>
            <button type="button" class="link" (click)="download(file)">{{ file.fileName }}</button>
            <small>{{ file.size / 1024 | number: '1.0-1' }} kB</small>
            @if (canChange()) {
              <p-button
                icon="pi pi-trash"
                [text]="true"
                severity="danger"
                [ariaLabel]="'data.removeFile' | transloco: { name: file.fileName }"
                (onClick)="remove(file)"
              />
            }
          </li>
        } @empty {
          <li>{{ 'data.noFiles' | transloco }}</li>
        }
      </ul>
      @if (canChange()) {
        <label for="attach-file">{{ 'data.attach' | transloco }}</label>
        <input id="attach-file" type="file" [disabled]="busy()" (change)="attach($event)" />
      }
      @if (failure(); as failed) {
        <p-message severity="error" [text]="failed" />
      }
    </section>
  `,
})
export class RecordAttachments {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);

  readonly entity = input.required<string>();
  readonly recordId = input.required<string>();
  readonly canChange = input(false);
  /** The files after each load: the form's attachment fields choose among them. */
  readonly changed = output<AttachmentDto[]>();

  protected readonly files = signal<AttachmentDto[]>([]);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.recordId();
      untracked(() => void this.load(id));
    });
  }

  /** Low-code records take attachments as the entity type `data-<entity>`. */
  private get target() {
    return { entityType: `data-${this.entity()}`, entityId: this.recordId() };
  }

  private async load(_id: string): Promise<void> {
    try {
      this.files.set(await this.api.invoke(listAttachments, this.target));
      this.changed.emit(this.files());
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async attach(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.api.invoke(addAttachment, { ...this.target, body: { file } });
      input.value = '';
      await this.load(this.recordId());
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.busy.set(false);
    }
  }

  protected async download(file: AttachmentDto): Promise<void> {
    try {
      saveFile(await this.api.invoke(downloadAttachment, { ...this.target, id: file.id }), file.fileName);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async remove(file: AttachmentDto): Promise<void> {
    if (!confirm(this.texts.translate('data.confirmRemoveFile', { name: file.fileName }))) return;
    try {
      await this.api.invoke(deleteAttachment, { ...this.target, id: file.id });
      await this.load(this.recordId());
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}
