import { Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { OidcSecurityService } from 'angular-auth-oidc-client';

/**
 * Where the host's sign-in returns: the code was exchanged when the app started, which then goes on to the page the
 * user asked for. Seen only while that happens, or when the sign-in failed (an expired or replayed link).
 */
@Component({
  selector: 'app-callback',
  imports: [TranslocoPipe],
  template: `
    <main class="callback">
      @if (authenticated()?.isAuthenticated === false) {
        <h1>{{ 'callback.failed' | transloco }}</h1>
        <a href="/">{{ 'callback.retry' | transloco }}</a>
      } @else {
        <p role="status">{{ 'callback.signingIn' | transloco }}</p>
      }
    </main>
  `,
  styles: `
    .callback {
      padding: 2rem;
    }
  `,
})
export class CallbackPage {
  protected readonly authenticated = toSignal(inject(OidcSecurityService).isAuthenticated$);
}
