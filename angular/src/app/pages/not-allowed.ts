import { Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** A page the user may not open: said plainly, with the way back. */
@Component({
  selector: 'app-not-allowed',
  imports: [RouterLink, TranslocoPipe],
  template: `
    <h1>{{ 'notAllowed.title' | transloco }}</h1>
    <p>{{ 'notAllowed.text' | transloco }}</p>
    <a routerLink="/">{{ 'common.home' | transloco }}</a>
  `,
})
export class NotAllowedPage {}
