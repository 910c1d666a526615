import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';
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

/**
 * PrimeNG's Aura with a primary colour text can be read on: Aura's emerald 500 is 2.5:1 on white (and white on it),
 * under WCAG AA's 4.5:1 for text; emerald 700 is 5.5:1 both ways. Dark mode keeps Aura's emerald 400 on dark surfaces.
 */
export const erpPreset = definePreset(Aura, {
  semantic: {
    colorScheme: {
      light: {
        primary: { color: '{primary.700}', contrastColor: '#ffffff', hoverColor: '{primary.800}', activeColor: '{primary.900}' },
        highlight: { color: '{primary.800}', focusColor: '{primary.900}' },
      },
    },
  },
});
