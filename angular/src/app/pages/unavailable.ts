import { Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** The server could not give the user's configuration: nothing else can be shown, so say so and offer to try again. */
@Component({
  selector: 'app-unavailable',
  imports: [TranslocoPipe],
  template: `
    <main class="unavailable">
      <h1>{{ 'unavailable.title' | transloco }}</h1>
      <p>{{ 'unavailable.text' | transloco }}</p>
      <a href="/">{{ 'unavailable.retry' | transloco }}</a>
    </main>
  `,
  styles: `
    .unavailable {
      padding: 2rem;
    }
  `,
})
export class UnavailablePage {}
