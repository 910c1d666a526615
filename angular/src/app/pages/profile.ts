import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { TagModule } from 'primeng/tag';
import { PluralPipe } from '../core/plural';
import { Api } from '../api/api';
import { disableTwoFactor, enableTwoFactor, getMySettings, getTwoFactorSetup, regenerateRecoveryCodes, updateMySettings } from '../api/functions';
import { SettingGroupDto, TwoFactorSetupDto } from '../api/models';
import { Problem, Problems } from '../core/problems';
import { Session } from '../core/session';
import { CopyButton } from '../shared/copy-button';
import { FieldErrors } from '../shared/field-errors';
import { SettingChanges, SettingGroups } from '../shared/setting-groups';

/** What the code box is for: turning the second step on, new recovery codes, or turning it off. */
type CodeAction = 'enable' | 'regenerate' | 'disable';

/**
 * The signed-in user's own page: two-step sign-in with an authenticator app (set up from a QR code or the key typed in,
 * recovery codes shown once), their own settings, and a link to the host's page that changes the password (the SPA
 * never sees a password).
 */
@Component({
  selector: 'app-profile',
  imports: [CopyButton, FieldErrors, FormsModule, SettingGroups, PluralPipe, TranslocoPipe, ButtonModule, InputTextModule, MessageModule, TagModule],
  templateUrl: './profile.html',
})
export class ProfilePage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  protected readonly session = inject(Session);
  protected readonly changePassword = `/account/change-password?returnUrl=${encodeURIComponent('/profile')}`;

  protected readonly twoFactor = signal<TwoFactorSetupDto | null>(null);
  /**
   * The QR code as an image: the server's SVG drawn by the browser as a picture, so nothing in it can run or reach the
   * page (no HTML inserted, no sanitizer bypassed).
   */
  protected readonly qrCode = computed(() => {
    const svg = this.twoFactor()?.qrCodeSvg;
    return svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : null;
  });
  protected readonly failure = signal<string | null>(null);
  /** The code box open, and for what. */
  protected readonly action = signal<CodeAction | null>(null);
  protected code = '';
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Recovery codes just made: shown this once. */
  protected readonly recoveryCodes = signal<string[] | null>(null);

  /** The user's setting pages; null while they load. */
  protected readonly settings = signal<SettingGroupDto[] | null>(null);
  protected readonly settingsFailure = signal<string | null>(null);

  constructor() {
    void this.loadTwoFactor();
    void this.loadSettings();
  }

  private async loadTwoFactor(): Promise<void> {
    try {
      this.twoFactor.set(await this.api.invoke(getTwoFactorSetup));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  private async loadSettings(): Promise<void> {
    try {
      this.settings.set(await this.api.invoke(getMySettings));
      this.settingsFailure.set(null);
    } catch (error) {
      this.settingsFailure.set(this.problems.of(error).detail);
    }
  }

  /** The key in groups of four, as authenticator apps show it and people type it. */
  protected grouped(key: string): string {
    return key.match(/.{1,4}/g)?.join(' ') ?? key;
  }

  protected open(action: CodeAction): void {
    this.action.set(action);
    this.code = '';
    this.problem.set(null);
    this.recoveryCodes.set(null);
  }

  protected async confirm(action: CodeAction): Promise<void> {
    const code = this.code.replace(/\s/g, '');
    this.busy.set(true);
    this.problem.set(null);
    try {
      if (action === 'enable') this.recoveryCodes.set((await this.api.invoke(enableTwoFactor, { body: { code } })).codes);
      else if (action === 'regenerate') this.recoveryCodes.set((await this.api.invoke(regenerateRecoveryCodes, { body: { code, password: null } })).codes);
      else await this.api.invoke(disableTwoFactor, { body: { code, password: null } });
      this.action.set(null);
      await this.loadTwoFactor();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected readonly saveSettings = async (group: string, values: SettingChanges): Promise<Problem | null> => {
    try {
      // A cleared value is sent as null (the API clears it), which the generated type, made from a dictionary of strings, does not say.
      await this.api.invoke(updateMySettings, { body: { values: values as Record<string, string> } });
      await this.loadSettings();
      return null;
    } catch (error) {
      return this.problems.of(error);
    }
  };
}
