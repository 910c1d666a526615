import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

/** The class on `<html>` that switches PrimeNG's theme (and the shell's colours) to dark. */
export const darkClass = 'erp-dark';
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
