import { UrlMatcher, UrlSegment } from '@angular/router';

/**
 * Matches `/screens/{plugin}/{route…}`, the address of every plugin's screen (as `GET /api/app-config` lists them),
 * whatever the depth of its route; the page gets `plugin` and `route` as inputs.
 */
export const pluginScreenMatcher: UrlMatcher = (segments) =>
  segments.length >= 3 && segments[0].path === 'screens'
    ? {
        consumed: segments,
        posParams: { plugin: segments[1], route: new UrlSegment(segments.slice(2).map((s) => s.path).join('/'), {}) },
      }
    : null;
