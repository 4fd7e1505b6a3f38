import { mayGrantRoles, mayManageAccount } from './accounts';
import { ROLES, type Role } from './roles';

describe('who manages which accounts', () => {
  const managedByHr: Role[] = [
    'team_leader',
    'vice_leader',
    'sales_rep',
    'customer_service',
    'operations',
  ];

  it.each(ROLES)('an administrator manages an account of a %s', (role) => {
    expect(mayManageAccount(['admin'], [role])).toBe(true);
  });

  it.each(ROLES)('HR manages an account of a %s only below a manager', (role) => {
    expect(mayManageAccount(['hr'], [role])).toBe(managedByHr.includes(role));
  });

  it('HR does not manage an account that holds a granted role beside its position', () => {
    expect(mayManageAccount(['hr'], ['sales_rep'])).toBe(true);
    expect(mayManageAccount(['hr'], ['sales_rep', 'admin'])).toBe(false);
    expect(mayManageAccount(['hr'], ['sales_rep', 'trainer'])).toBe(false);
  });

  it.each(ROLES.filter((role) => role !== 'admin' && role !== 'hr'))(
    'a %s manages no account at all',
    (role) => {
      expect(mayManageAccount([role], ['sales_rep'])).toBe(false);
    },
  );

  it.each(ROLES)('only an administrator grants roles: %s', (role) => {
    expect(mayGrantRoles([role])).toBe(role === 'admin');
  });
});
