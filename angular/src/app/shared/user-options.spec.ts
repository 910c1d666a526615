import { membershipChange, withMembers } from './user-options';

describe('members', () => {
  it('adds who was chosen and removes who was unchosen, leaving the rest alone', () => {
    expect(membershipChange(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({ add: ['d'], remove: ['a'] });
    expect(membershipChange(['a'], ['a'])).toEqual({ add: [], remove: [] });
  });

  it('shows a member the reader cannot look up by their id, so no member is lost on saving', () => {
    const options = [{ id: 'u1', label: 'Ada' }];
    expect(withMembers(options, ['u1', 'u2'])).toEqual([{ id: 'u1', label: 'Ada' }, { id: 'u2', label: 'u2' }]);
  });
});
