import { Api } from '../api/api';
import { listUsers } from '../api/functions';

/** A user as a choice in a list of members: their id, shown by name. */
export interface UserOption {
  id: string;
  label: string;
}

// The largest page the users endpoint gives.
const pageSize = 100;

/**
 * Every user, by name, for choosing members (of a company, of a team): read a page at a time. A reader who may not see
 * users gets none, and members show as their ids.
 */
export async function loadUserOptions(api: Api): Promise<UserOption[]> {
  const options: UserOption[] = [];
  try {
    for (let skip = 0; ; skip += pageSize) {
      const page = await api.invoke(listUsers, { skip, take: pageSize });
      options.push(...page.items.map((user) => ({ id: user.id, label: user.displayName ? `${user.displayName} (${user.userName})` : user.userName })));
      if (skip + pageSize >= page.total || page.items.length === 0) return options;
    }
  } catch {
    return options;
  }
}

/** <paramref name="options"/>, and each of <paramref name="ids"/> they do not hold, named by its id, so every member shows. */
export function withMembers(options: UserOption[], ids: string[]): UserOption[] {
  const known = new Set(options.map((option) => option.id));
  return [...options, ...ids.filter((id) => !known.has(id)).map((id) => ({ id, label: id }))];
}

/** What changed between two lists of members: who to add and who to remove. */
export function membershipChange<T>(before: readonly T[], after: readonly T[]): { add: T[]; remove: T[] } {
  const was = new Set(before);
  const now = new Set(after);
  return { add: after.filter((member) => !was.has(member)), remove: before.filter((member) => !now.has(member)) };
}
