import type { Product } from '@salesops/orders-contracts';
import type { Role } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

import { presentProduct } from './product.presenter';

const product: Product = {
  id: '00000000-0000-4000-8000-000000000001',
  sku: 'SKU-1',
  name: 'Purifier',
  category: 'appliance',
  listPrice: '100.00',
  floorPrice: '80.00',
  unitCost: '60.00',
  active: true,
  version: 1,
  createdAt: '2026-11-29T00:00:00.000Z',
};

const callerWith = (role: Role, scope: IdentityClaims['scope']): IdentityClaims => ({
  caller: { kind: 'user', id: 'u', memberId: 'm', teamId: 't', roles: [role] },
  permissions: ['products:read'],
  scope,
});
const subtree = { kind: 'subtree', teamIds: ['t'], memberId: 'm' } as const;

describe('presentProduct', () => {
  // security.md: financial fields are clear to finance, the director and managers; the catalog is
  // the company's, so every manager has it in scope.
  it.each([
    ['finance', { kind: 'company', teamIds: [], memberId: 'm' }],
    ['director', { kind: 'company', teamIds: [], memberId: 'm' }],
    ['manager', subtree],
  ] as const)('shows the unit cost to %s', (role, scope) => {
    expect(presentProduct(product, callerWith(role, scope)).unitCost).toBe('60.00');
  });

  it.each([
    ['team_leader', subtree],
    ['vice_leader', subtree],
    ['sales_rep', { kind: 'own', teamIds: ['t'], memberId: 'm' }],
    ['operations', { kind: 'team', teamIds: ['t'], memberId: 'm' }],
    ['customer_service', { kind: 'team', teamIds: ['t'], memberId: 'm' }],
  ] as const)('leaves the unit cost out for %s', (role, scope) => {
    const shown = presentProduct(product, callerWith(role, scope));
    expect(shown).not.toHaveProperty('unitCost');
    expect(shown.floorPrice).toBe('80.00');
  });
});
