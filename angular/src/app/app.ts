import { Component, DOCUMENT, Injector, afterNextRender, inject } from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { first } from 'rxjs';
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

    // index.html's header stands until the first page is drawn: the page is never blank while the sign-in is checked
    // and the user's configuration loads.
    const injector = inject(Injector);
    const document = inject(DOCUMENT);
    inject(Router)
      .events.pipe(first((event) => event instanceof NavigationEnd))
      .subscribe(() => afterNextRender(() => document.getElementById('boot')?.remove(), { injector }));
  }
}
