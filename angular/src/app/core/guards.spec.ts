import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlSegment, UrlTree, provideRouter } from '@angular/router';
import { OidcSecurityService } from 'angular-auth-oidc-client';
import { Api } from '../api/api';
import { appConfigOf } from './app-config.testing';
import { permissionGuard, sessionGuard } from './guards';
import { Session } from './session';

const config = appConfigOf();

function route(permission?: string, path = 'admin/users'): ActivatedRouteSnapshot {
  const snapshot = new ActivatedRouteSnapshot();
  Object.assign(snapshot, { data: permission ? { permission } : {}, url: path.split('/').map((p) => new UrlSegment(p, {})) });
  return snapshot;
}

describe('guards', () => {
  let invoke: ReturnType<typeof vi.fn>;
  const oidc = { logoffLocal: vi.fn() };
  const configure = (invoke: ReturnType<typeof vi.fn>) =>
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: Api, useValue: { invoke } }, { provide: OidcSecurityService, useValue: oidc }],
    });

  beforeEach(() => {
    invoke = vi.fn().mockResolvedValue(config);
    configure(invoke);
  });

  const run = (guard: typeof permissionGuard, snapshot: ActivatedRouteSnapshot) =>
    TestBed.runInInjectionContext(() => guard(snapshot, {} as RouterStateSnapshot));

  it('opens a route whose permission the user holds, and one that needs none', async () => {
    await TestBed.inject(Session).load();
    expect(run(permissionGuard, route('Identity.Users'))).toBe(true);
    expect(run(permissionGuard, route())).toBe(true);
  });

  it('shows the not-allowed page, naming the route, when the user lacks the permission', async () => {
    await TestBed.inject(Session).load();
    const result = run(permissionGuard, route('Identity.Roles', 'admin/roles')) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(result)).toBe('/not-allowed?from=admin%2Froles');
  });

  it('loads the configuration once, and sends the user to the unavailable page when it cannot', async () => {
    expect(await run(sessionGuard, route())).toBe(true);
    expect(await run(sessionGuard, route())).toBe(true);
    expect(invoke).toHaveBeenCalledTimes(1);

    TestBed.resetTestingModule();
    configure(vi.fn().mockRejectedValue(new Error('down')));
    const result = (await run(sessionGuard, route())) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(result)).toBe('/unavailable');
  });

  it('forgets tokens the host no longer takes (a password changed elsewhere) and opens the address again, to sign in anew', async () => {
    TestBed.resetTestingModule();
    configure(vi.fn().mockRejectedValue(new HttpErrorResponse({ status: 401 })));
    const result = (await TestBed.runInInjectionContext(() => sessionGuard(route(), { url: '/profile' } as RouterStateSnapshot))) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(result)).toBe('/profile');
    expect(oidc.logoffLocal).toHaveBeenCalledTimes(1);
  });
});
