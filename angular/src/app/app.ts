import { Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Language } from './core/i18n';
import { Theme } from './core/theme';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
})
export class App {
  constructor() {
    // The page's language, direction and theme before the first page renders.
    const language = inject(Language);
    language.use(language.active);
    inject(Theme);
  }
}
