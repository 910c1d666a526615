import { Component, computed, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { DialogModule } from 'primeng/dialog';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { SelectModule } from 'primeng/select';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { TextareaModule } from 'primeng/textarea';
import { Api } from '../../api/api';
import {
  deleteEmailTemplateOverride, listEmailMessages, listEmailTemplates, previewEmailTemplate, saveEmailTemplateOverride, sendTestEmail,
} from '../../api/functions';
import { EmailMessageDto, EmailPreviewDto, EmailStatus, EmailTemplateDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';

/** The language of an override that stands for every language without one of its own. */
const allLanguages = 'all';

/** A template's parts in one language, as the override form edits them. */
interface OverrideForm {
  template: EmailTemplateDto;
  language: string;
  subject: string;
  text: string;
  html: string;
  /** The override's version when one exists (saving it replaces that one), else none. */
  version: number | null;
}

/**
 * Mail: the templates modules send (overridden per language, previewed with their sample values before saving), a
 * test mail to check the relay, and the messages sent or waiting, with why one failed.
 */
@Component({
  selector: 'app-email',
  imports: [DatePipe, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, DialogModule, InputTextModule, MessageModule, SelectModule, TableModule, TagModule, TextareaModule],
  templateUrl: './email.html',
})
export class EmailPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly session = inject(Session);
  protected readonly canEdit = computed(() => this.session.can('Emailing.Templates'));
  protected readonly languages = computed(() => [allLanguages, ...this.session.languages()]);

  protected readonly templates = signal<EmailTemplateDto[]>([]);
  protected readonly templatesLoading = signal(true);
  protected readonly failure = signal<string | null>(null);

  protected readonly form = signal<OverrideForm | null>(null);
  protected readonly preview = signal<EmailPreviewDto | null>(null);
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly saved = signal(false);

  protected test = { to: '', template: null as string | null };
  protected readonly testProblem = signal<Problem | null>(null);
  protected readonly testQueued = signal(false);

  protected readonly statuses: EmailStatus[] = ['Queued', 'Sending', 'Sent', 'Failed'];
  protected status: EmailStatus | null = null;
  protected readonly messages = signal<EmailMessageDto[]>([]);
  protected readonly messagesLoading = signal(false);
  protected readonly messagesFailure = signal<string | null>(null);
  /** Whether a page after those shown may hold more (the last one read was full). */
  protected readonly more = signal(false);
  private readonly pageSize = 50;

  constructor() {
    void this.loadTemplates();
    void this.loadMessages();
  }

  private async loadTemplates(): Promise<void> {
    this.templatesLoading.set(true);
    try {
      this.templates.set(await this.api.invoke(listEmailTemplates));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.templatesLoading.set(false);
    }
  }

  /** The first page of messages for the status, or (<paramref name="next"/>) the page after those shown. */
  protected async loadMessages(next = false): Promise<void> {
    this.messagesLoading.set(true);
    try {
      const skip = next ? this.messages().length : 0;
      const page = await this.api.invoke(listEmailMessages, { status: this.status ?? undefined, skip, take: this.pageSize });
      this.messages.update((shown) => (next ? [...shown, ...page] : page));
      this.more.set(page.length === this.pageSize);
      this.messagesFailure.set(null);
    } catch (error) {
      this.messagesFailure.set(this.problems.of(error).detail);
    } finally {
      this.messagesLoading.set(false);
    }
  }

  protected overrideLanguages(template: EmailTemplateDto): string[] {
    return template.overrides.map((override) => override.language ?? allLanguages);
  }

  protected open(template: EmailTemplateDto, language = allLanguages): void {
    const override = template.overrides.find((candidate) => (candidate.language ?? allLanguages) === language);
    const parts = override ?? template;
    this.form.set({ template, language, subject: parts.subject, text: parts.text, html: parts.html, version: override?.version ?? null });
    this.preview.set(null);
    this.problem.set(null);
    this.saved.set(false);
  }

  /** Renders the parts as they stand in the form, with the template's sample values, in the form's language. */
  protected async showPreview(form: OverrideForm): Promise<void> {
    this.problem.set(null);
    try {
      const language = form.language === allLanguages ? null : form.language;
      this.preview.set(
        await this.api.invoke(previewEmailTemplate, {
          name: form.template.name,
          body: { language, subject: form.subject, text: form.text, html: form.html, model: form.template.sampleModel },
        }),
      );
    } catch (error) {
      this.problem.set(this.problems.of(error));
    }
  }

  protected async save(form: OverrideForm): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const saved = await this.api.invoke(saveEmailTemplateOverride, {
        name: form.template.name,
        language: form.language,
        body: { subject: form.subject, text: form.text, html: form.html, version: form.version ?? undefined },
      });
      this.form.set({ ...form, version: saved.version });
      this.saved.set(true);
      await this.reopenAfterChange(form);
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  /** Back to the module's own parts for the form's language. */
  protected async removeOverride(form: OverrideForm): Promise<void> {
    if (!confirm(this.texts.translate('email.confirmDelete', { name: form.template.name, language: form.language }))) return;
    try {
      await this.api.invoke(deleteEmailTemplateOverride, { name: form.template.name, language: form.language });
      await this.reopenAfterChange(form);
    } catch (error) {
      this.problem.set(this.problems.of(error));
    }
  }

  // The list again (its overrides changed), and the form on what is stored now.
  private async reopenAfterChange(form: OverrideForm): Promise<void> {
    await this.loadTemplates();
    const template = this.templates().find((candidate) => candidate.name === form.template.name);
    if (template) {
      const saved = this.saved();
      this.open(template, form.language);
      this.saved.set(saved);
    }
  }

  protected async sendTest(): Promise<void> {
    this.testProblem.set(null);
    this.testQueued.set(false);
    try {
      await this.api.invoke(sendTestEmail, { body: { to: this.test.to.trim(), template: this.test.template } });
      this.testQueued.set(true);
      await this.loadMessages();
    } catch (error) {
      this.testProblem.set(this.problems.of(error));
    }
  }

  protected severity(status: EmailStatus): 'success' | 'danger' | 'info' | 'secondary' {
    return status === 'Sent' ? 'success' : status === 'Failed' ? 'danger' : status === 'Sending' ? 'info' : 'secondary';
  }
}
