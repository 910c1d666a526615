import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import erp from './primeng-preset.json';

/** The class on `<html>` that switches PrimeNG's theme (and the shell's colours) to dark. */
export const darkClass = erp.darkModeSelector.slice(1);
const storageKey = 'erp.theme';

/** Light or dark: the user's choice, else their system's. */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  readonly dark = signal(
    localStorage.getItem(storageKey) ? localStorage.getItem(storageKey) === 'dark' : window.matchMedia?.('(prefers-color-scheme: dark)').matches === true,
  );

  constructor() {
    this.apply();
  }

  toggle(): void {
    this.dark.update((dark) => !dark);
    localStorage.setItem(storageKey, this.dark() ? 'dark' : 'light');
    this.apply();
  }

  private apply(): void {
    this.document.documentElement.classList.toggle(darkClass, this.dark());
  }
}

let componentTheme: Promise<void> | undefined;

/**
 * PrimeNG's theme, loaded with the first page that draws PrimeNG components: the shell and the dashboard draw none, so
 * a first visit neither downloads the theme's tokens nor spends a phone's CPU on them. Every PrimeNG component waits
 * for it (the router's lazy pages, and the few parts of the first page that draw one), since one made before it
 * would have no styles.
 */
export function loadComponentTheme(): Promise<void> {
  return (componentTheme ??= import('./primeng-theme').then((theme) => theme.useErpTheme()));
}
