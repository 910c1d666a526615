import { Routes } from '@angular/router';
import { autoLoginPartialRoutesGuard } from 'angular-auth-oidc-client';
import { permissionGuard, sessionGuard } from './core/guards';
import { pluginScreenMatcher } from './plugins/plugin-routes';
import { HomePage } from './pages/home';
import { Shell } from './shell/shell';
import { loadComponentTheme } from './core/theme';

/** A page loaded when first opened, with PrimeNG's theme that its components' styles are made from. */
function page<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadComponentTheme()]).then(([component]) => component);
}

/**
 * Every page but the sign-in callback is the signed-in user's: unsigned, the browser goes to the host's sign-in page and
 * comes back to where it was. Pages that need a permission carry it as `data.permission` under `permissionGuard`.
 */
export const routes: Routes = [
  { path: 'auth/callback', loadComponent: page(() => import('./pages/callback').then((m) => m.CallbackPage)) },
  { path: 'unavailable', loadComponent: page(() => import('./pages/unavailable').then((m) => m.UnavailablePage)) },
  {
    path: '',
    component: Shell,
    canActivate: [autoLoginPartialRoutesGuard, sessionGuard],
    children: [
      { path: '', component: HomePage }, // where everyone lands: part of the first download, not a chunk after it
      {
        path: 'admin/users',
        canActivate: [permissionGuard],
        data: { permission: 'Identity.Users' },
        loadComponent: page(() => import('./pages/admin/users').then((m) => m.UsersPage)),
      },
      {
        path: 'admin/roles',
        canActivate: [permissionGuard],
        data: { permission: 'Identity.Roles' },
        loadComponent: page(() => import('./pages/admin/roles').then((m) => m.RolesPage)),
      },
      {
        path: 'admin/settings',
        canActivate: [permissionGuard],
        data: { permission: 'Settings' },
        loadComponent: page(() => import('./pages/admin/settings').then((m) => m.SettingsPage)),
      },
      {
        path: 'admin/audit',
        canActivate: [permissionGuard],
        data: { permission: 'AuditLogging' },
        loadComponent: page(() => import('./pages/admin/audit-log').then((m) => m.AuditLogPage)),
      },
      {
        path: 'admin/clients',
        canActivate: [permissionGuard],
        data: { permission: 'Identity.Clients' },
        loadComponent: page(() => import('./pages/admin/clients').then((m) => m.ClientsPage)),
      },
      {
        path: 'admin/background-jobs',
        canActivate: [permissionGuard],
        data: { permission: 'BackgroundJobs.Jobs' },
        loadComponent: page(() => import('./pages/admin/background-jobs').then((m) => m.BackgroundJobsPage)),
      },
      {
        path: 'admin/backups',
        canActivate: [permissionGuard],
        data: { permission: 'Backups' },
        loadComponent: page(() => import('./pages/admin/backups').then((m) => m.BackupsPage)),
      },
      {
        path: 'admin/plugins',
        canActivate: [permissionGuard],
        data: { permission: 'Host.Plugins' },
        loadComponent: page(() => import('./pages/admin/plugins').then((m) => m.PluginsPage)),
      },
      { path: 'profile', loadComponent: page(() => import('./pages/profile').then((m) => m.ProfilePage)) },
      {
        path: 'admin/companies',
        canActivate: [permissionGuard],
        data: { permission: 'Companies' },
        loadComponent: page(() => import('./pages/admin/companies').then((m) => m.CompaniesPage)),
      },
      {
        path: 'admin/teams',
        canActivate: [permissionGuard],
        data: { permission: 'Companies.Teams' },
        loadComponent: page(() => import('./pages/admin/teams').then((m) => m.TeamsPage)),
      },
      {
        path: 'admin/deliveries',
        canActivate: [permissionGuard],
        data: { permission: 'Messaging.Deliveries' },
        loadComponent: page(() => import('./pages/admin/deliveries').then((m) => m.DeliveriesPage)),
      },
      {
        path: 'admin/email',
        canActivate: [permissionGuard],
        data: { permission: 'Emailing' },
        loadComponent: page(() => import('./pages/admin/email').then((m) => m.EmailPage)),
      },
      {
        path: 'admin/permissions',
        canActivate: [permissionGuard],
        data: { permission: 'Permissions.Grants' },
        loadComponent: page(() => import('./pages/admin/permissions').then((m) => m.PermissionsPage)),
      },
      {
        path: 'admin/low-code/webhooks',
        canActivate: [permissionGuard],
        data: { permission: 'LowCode.Webhooks' },
        loadComponent: page(() => import('./pages/admin/webhooks').then((m) => m.WebhooksPage)),
      },
      {
        path: 'admin/low-code/entities',
        canActivate: [permissionGuard],
        data: { permission: 'LowCode.Definitions' },
        children: [
          { path: '', loadComponent: page(() => import('./pages/designer/entities').then((m) => m.EntitiesPage)) },
          { path: 'new', loadComponent: page(() => import('./pages/designer/designer').then((m) => m.DesignerPage)) },
          { path: ':name', loadComponent: page(() => import('./pages/designer/designer').then((m) => m.DesignerPage)) },
        ],
      },
      // Any entity with UI metadata: its list and its form, for those who may read it.
      {
        path: 'data/:entity',
        canActivate: [permissionGuard],
        data: { permission: 'Data.:entity' },
        children: [
          { path: '', loadComponent: page(() => import('./pages/data/record-list').then((m) => m.RecordListPage)) },
          { path: 'new', loadComponent: page(() => import('./pages/data/record-form').then((m) => m.RecordFormPage)) },
          { path: ':id', loadComponent: page(() => import('./pages/data/record-form').then((m) => m.RecordFormPage)) },
        ],
      },
      // Plugins' own screens, custom elements loaded from the host when opened (docs/plugins.md); the SPA is built without them.
      { matcher: pluginScreenMatcher, loadComponent: page(() => import('./plugins/plugin-screen').then((m) => m.PluginScreenPage)) },
      { path: 'not-allowed', loadComponent: page(() => import('./pages/not-allowed').then((m) => m.NotAllowedPage)) },
      { path: '**', loadComponent: page(() => import('./pages/not-found').then((m) => m.NotFoundPage)) },
    ],
  },
];
