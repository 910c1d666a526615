import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { OidcSecurityService } from 'angular-auth-oidc-client';
import { Session } from './session';

/**
 * The route's data key naming the permission it needs: `{ data: { permission: 'Identity.Users' } }`; `:name` in it stands
 * for the route's parameter (`'Data.:entity'`).
 */
export const permissionKey = 'permission';

/**
 * Opens the shell once the user's configuration is loaded: their menu and permissions decide what they see. When it
 * cannot load (the server is down), the "unavailable" page says so and offers to try again. When the host no longer
 * takes the tokens (revoked by a password change or reset, or a lock), the SPA forgets them and opens the address
 * again: the sign-in guard then signs in anew, through the host's session cookie without a page while that is valid.
 */
export const sessionGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const oidc = inject(OidcSecurityService);
  const session = inject(Session);
  try {
    await session.load();
    return true;
  } catch (error) {
    if (!(error instanceof HttpErrorResponse && error.status === 401)) return router.createUrlTree(['/unavailable']);
    oidc.logoffLocal();
    return router.parseUrl(state.url);
  }
};

/** A route whose permission the user lacks shows the "not allowed" page instead, at its own address. */
export const permissionGuard: CanActivateFn = (route) => {
  const permission = (route.data[permissionKey] as string | undefined)?.replace(/:(\w+)/g, (_, name: string) => route.params[name] ?? '');
  if (permission === undefined || inject(Session).can(permission)) return true;
  return inject(Router).createUrlTree(['/not-allowed'], { queryParams: { from: route.url.join('/') } });
};
