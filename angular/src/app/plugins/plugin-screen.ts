import { Component, computed, inject, input } from '@angular/core';
import { MessageService } from 'primeng/api';
import { ToastModule } from 'primeng/toast';
import { Session } from '../core/session';
import { NotFoundPage } from '../pages/not-found';
import { PluginBoundary } from './plugin-boundary';

/**
 * A plugin's screen: the custom element its module defines, given the SDK, inside the shell and inside an error boundary
 * (`PluginBoundary`), so that whatever goes wrong in the plugin leaves the shell working.
 */
@Component({
  selector: 'app-plugin-screen',
  imports: [ToastModule, NotFoundPage, PluginBoundary],
  providers: [MessageService],
  template: `
    <p-toast />
    @if (screen(); as screen) {
      <app-plugin-boundary [source]="screen" />
    } @else {
      <app-not-found />
    }
  `,
})
export class PluginScreenPage {
  readonly plugin = input.required<string>();
  readonly route = input.required<string>();

  private readonly session = inject(Session);

  /** The screen at this address, if the user may open it; the same one while only the configuration was read again (a new language). */
  protected readonly screen = computed(() => this.session.screens().find((s) => s.path === `/screens/${this.plugin()}/${this.route()}`) ?? null, {
    equal: (a, b) => a?.entry === b?.entry && a?.element === b?.element,
  });
}
