import { Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

@Component({
  selector: 'app-not-found',
  imports: [RouterLink, TranslocoPipe],
  template: `
    <h1>{{ 'notFound.title' | transloco }}</h1>
    <p>{{ 'notFound.text' | transloco }}</p>
    <a routerLink="/">{{ 'common.home' | transloco }}</a>
  `,
})
export class NotFoundPage {}
