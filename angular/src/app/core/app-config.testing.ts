import { AppConfigDto } from '../api/models';

/** A user's configuration as `GET /api/app-config` answers it, for the unit tests: one permission, no menu. */
export function appConfigOf(name = 'ada'): AppConfigDto {
  return {
    user: { id: 'u1', name, roles: [] },
    permissions: ['Identity.Users'],
    settings: {},
    menu: [],
    plugins: [],
    languages: ['en'],
    screens: [],
    slotElements: [],
  };
}
