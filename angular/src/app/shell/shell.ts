import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OidcSecurityService } from 'angular-auth-oidc-client';
import { Language } from '../core/i18n';
import { Session } from '../core/session';
import { Theme } from '../core/theme';
import { chosen } from './chosen';
import { mediaMatches } from './media';
import { CompanySwitcher } from './company-switcher';
import { NavMenu } from './nav-menu';

/** The frame of every signed-in page: the header (company, language, theme, the user's profile, sign-out), the user's menu, the page. */
@Component({
  selector: 'app-shell',
  imports: [CompanySwitcher, NavMenu, RouterOutlet, RouterLink, TranslocoPipe],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  protected readonly session = inject(Session);
  protected readonly theme = inject(Theme);
  protected readonly language = inject(Language);
  private readonly oidc = inject(OidcSecurityService);

  /** On a phone the menu opens over the page. */
  protected readonly menuOpen = signal(false);
  private readonly wide = mediaMatches('(min-width: 769px)');
  private readonly menuOpened = signal(false);
  /** The menu's links are made once they can be seen: a phone's first page does without its dozens of them. */
  protected readonly menuDrawn = computed(() => this.wide() || this.menuOpened());

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
    this.menuOpened.set(true);
  }
  protected readonly languages = this.language.all.map((code) => ({ code, label: new Intl.DisplayNames([code], { type: 'language' }).of(code) }));
  protected readonly chosen = chosen;

  protected changeLanguage(code: string): void {
    this.language.use(code);
    void this.session.reload(); // the menu's labels are the host's, in the language asked for
  }

  protected signOut(): void {
    this.oidc.logoff().subscribe();
  }
}

