import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Session } from './session';

/**
 * The route's data key naming the permission it needs: `{ data: { permission: 'Identity.Users' } }`; `:name` in it stands
 * for the route's parameter (`'Data.:entity'`).
 */
export const permissionKey = 'permission';

/**
 * Opens the shell once the user's configuration is loaded: their menu and permissions decide what they see. When it
 * cannot load (the server is down), the "unavailable" page says so and offers to try again.
 */
export const sessionGuard: CanActivateFn = async () => {
  const router = inject(Router);
  try {
    await inject(Session).load();
    return true;
  } catch {
    return router.createUrlTree(['/unavailable']);
  }
};

/** A route whose permission the user lacks shows the "not allowed" page instead, at its own address. */
export const permissionGuard: CanActivateFn = (route) => {
  const permission = (route.data[permissionKey] as string | undefined)?.replace(/:(\w+)/g, (_, name: string) => route.params[name] ?? '');
  if (permission === undefined || inject(Session).can(permission)) return true;
  return inject(Router).createUrlTree(['/not-allowed'], { queryParams: { from: route.url.join('/') } });
};
