import { PermissionGroupDto } from '../api/models';
import { permissionTree, withModules } from './permission-grants';

const groups: PermissionGroupDto[] = [
  {
    module: 'Erp.Identity',
    displayName: 'Users and sign-in',
    permissions: [
      { name: 'Identity.Users', displayName: 'See users', parent: null, granted: true, grantedThroughRoles: false },
      { name: 'Identity.Users.Create', displayName: 'Create users', parent: 'Identity.Users', granted: false, grantedThroughRoles: false },
      { name: 'Identity.Roles', displayName: 'See roles', parent: null, granted: false, grantedThroughRoles: true },
    ],
  },
];

describe('the permission tree', () => {
  it('puts each permission under the one it needs, in its module, and checks what the role holds itself', () => {
    const { nodes, granted } = permissionTree(groups, false);
    expect(nodes.map((n) => n.label)).toEqual(['Users and sign-in']);
    expect(nodes[0].children!.map((n) => n.key)).toEqual(['Identity.Users', 'Identity.Roles']);
    expect(nodes[0].children![0].children!.map((n) => n.key)).toEqual(['Identity.Users.Create']);
    expect(nodes[0].children![0].children![0].parent).toBe(nodes[0].children![0]);
    expect(granted.map((n) => n.key)).toEqual(['Identity.Users']); // not what another role grants
  });

  it('checks a module only while every one of its permissions is checked', () => {
    const { nodes } = permissionTree(groups, false);
    const [users, roles] = nodes[0].children!;
    const create = users.children![0];
    expect(withModules(nodes, [users, create]).map((n) => n.key)).toEqual(['Identity.Users', 'Identity.Users.Create']);
    expect(withModules(nodes, [users, create, roles, users]).map((n) => n.key)).toEqual([
      'Identity.Users', 'Identity.Users.Create', 'Identity.Roles', 'module:Erp.Identity',
    ]);
  });

  it('offers nothing to check to a reader who may not change grants', () => {
    const { nodes } = permissionTree(groups, true);
    expect([nodes[0], ...nodes[0].children!].every((n) => n.selectable === false)).toBe(true);
  });

  it("marks a user's permissions that their roles grant, without checking them", () => {
    const { nodes, granted } = permissionTree(groups, false, 'through a role');
    expect(nodes[0].children!.map((n) => n.label)).toEqual(['See users', 'See roles (through a role)']);
    expect(granted.map((n) => n.key)).toEqual(['Identity.Users']);
  });
});
