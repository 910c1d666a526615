import { Api } from '../../api/api';
import { Session } from '../../core/session';
// Each call from its own file, not the api/functions barrel: importing that barrel puts all of the generated calls in
// the first download, and this file is in it.
import { getAuditStatistics } from '../../api/fn/audit-log/get-audit-statistics';
import { getBackgroundJobStatistics } from '../../api/fn/background-jobs/get-background-job-statistics';
import { getSignInStatistics } from '../../api/fn/users/get-sign-in-statistics';
import { getUserStatistics } from '../../api/fn/users/get-user-statistics';
import { Chart } from './chart';

/** The days the dashboard looks back over, today included. */
export const dashboardDays = 14;

/** What a tile shows once loaded: its chart and a one-line summary (a text key with its numbers; its plural form follows count). */
export interface TileContent {
  chart: Chart;
  summary: { key: string; params: Record<string, number>; count?: number };
}

/** A tile: shown to users holding the permission its data needs; loads its figures from its module's statistics endpoint. */
export interface TileDefinition {
  id: string;
  permission: string;
  load: (api: Api) => Promise<TileContent>;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export const tileDefinitions: TileDefinition[] = [
  {
    id: 'users',
    permission: 'Identity.Users',
    load: async (api) => {
      const users = await api.invoke(getUserStatistics);
      return {
        chart: {
          kind: 'donut',
          categories: [
            'dashboard.users.active',
            'dashboard.users.locked',
            'dashboard.users.invited',
          ],
          categoriesAreDays: false,
          series: [
            {
              name: 'dashboard.users.count',
              values: [users.active, users.locked, users.invited],
              tone: 'primary',
            },
          ],
          categoryTones: ['success', 'danger', 'warn'],
        },
        summary: { key: 'dashboard.users.summary', params: {}, count: users.total },
      };
    },
  },
  {
    id: 'signIns',
    permission: 'Identity.Users.SecurityLog',
    load: async (api) => {
      const { days } = await api.invoke(getSignInStatistics, { days: dashboardDays });
      const succeeded = days.map((day) => day.succeeded);
      const failed = days.map((day) => day.failed);
      return {
        chart: {
          kind: 'stacked-bars',
          categories: days.map((day) => day.day),
          categoriesAreDays: true,
          series: [
            { name: 'dashboard.signIns.succeeded', values: succeeded, tone: 'success' },
            { name: 'dashboard.signIns.failed', values: failed, tone: 'danger' },
          ],
        },
        summary: {
          key: 'dashboard.signIns.summary',
          params: { succeeded: sum(succeeded), failed: sum(failed) },
          count: days.length,
        },
      };
    },
  },
  {
    id: 'jobs',
    permission: 'BackgroundJobs.Jobs',
    load: async (api) => {
      const jobs = await api.invoke(getBackgroundJobStatistics);
      return {
        chart: {
          kind: 'bars',
          categories: [
            'dashboard.jobs.enqueued',
            'dashboard.jobs.scheduled',
            'dashboard.jobs.processing',
            'dashboard.jobs.failed',
          ],
          categoriesAreDays: false,
          series: [
            {
              name: 'dashboard.jobs.count',
              values: [jobs.enqueued, jobs.scheduled, jobs.processing, jobs.failed],
              tone: 'primary',
            },
          ],
        },
        summary: {
          key: 'dashboard.jobs.summary',
          params: { succeeded: jobs.succeeded, recurring: jobs.recurring, servers: jobs.servers },
        },
      };
    },
  },
  {
    id: 'audit',
    permission: 'AuditLogging',
    load: async (api) => {
      const { days } = await api.invoke(getAuditStatistics, { days: dashboardDays });
      const requests = days.map((day) => day.requests);
      const changes = days.map((day) => day.entityChanges);
      return {
        chart: {
          kind: 'lines',
          categories: days.map((day) => day.day),
          categoriesAreDays: true,
          series: [
            { name: 'dashboard.audit.requests', values: requests, tone: 'primary' },
            {
              name: 'dashboard.audit.failedRequests',
              values: days.map((day) => day.failedRequests),
              tone: 'danger',
            },
            { name: 'dashboard.audit.entityChanges', values: changes, tone: 'info' },
          ],
        },
        summary: {
          key: 'dashboard.audit.summary',
          params: { requests: sum(requests), changes: sum(changes) },
          count: days.length,
        },
      };
    },
  },
];

/** Whether the user may see any tile, a plugin's too: the start page shows the dashboard then, else its welcome. */
export function hasDashboard(session: Session): boolean {
  return tileDefinitions.some((tile) => session.can(tile.permission)) || session.slotElements().some((element) => element.slot === 'dashboard');
}
