import { randomUUID } from 'node:crypto';
import { z } from 'zod';

import { customerSchema } from '@salesops/customers-contracts';
import { applicationSchema, memberSchema, teamSchema } from '@salesops/members-contracts';
import { orderSchema } from '@salesops/orders-contracts';
import { FIELD_RULES, type Role } from '@salesops/policy';
import { type IdentityClaims, pageOf } from '@salesops/rpc';

// Imports every controller, so every route has registered itself.
import '../gateway-app.module';
import { routeRegistry } from '../http/api-route.decorator';
import { bearsContact, CONTACT_BEARING, objectSchemasIn } from './contact-bearing';
import { contactReadsOf } from './contact-reads';

const member = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  employeeNo: 'E-1',
  name: 'Huang Li',
  phone: '13812345678',
  wechatId: 'wx_huangli9',
  email: 'huang.li@example.com',
  teamId: randomUUID(),
  ...overrides,
});
const masked = { phone: '138****5678', wechatId: 'w***9', email: 'h***@example.com' };

const identity = (roles: Role[], memberId: string | null = null): IdentityClaims => ({
  caller: { kind: 'user', id: `user-${roles.join('-')}`, memberId, teamId: null, roles },
  permissions: ['members:read'],
  scope: { kind: 'company', teamIds: [], memberId: null },
});

describe('contact reads of a reply', () => {
  const director = identity(['director']);

  it('are one entry per record shown with contact fields in clear, naming them', () => {
    const shown = [member(), member({ email: null }), member(masked)];
    const entries = contactReadsOf(
      pageOf(memberSchema),
      { items: shown, nextCursor: null },
      director,
      'r-1',
    );
    expect(entries).toEqual([
      {
        action: 'contact.read',
        actor: 'user-director',
        requestId: 'r-1',
        subject: shown[0]?.id,
        details: { resource: 'member', fields: ['phone', 'wechatId', 'email'] },
      },
      expect.objectContaining({
        subject: shown[1]?.id,
        details: { resource: 'member', fields: ['phone', 'wechatId'] },
      }),
    ]);
  });

  it('are none for the member reading their own record', () => {
    const own = member();
    expect(contactReadsOf(memberSchema, own, identity(['sales_rep'], own.id), 'r-2')).toEqual([]);
  });

  it('are found in a record nested in another reply, and in applications', () => {
    const nested = z.object({ member: memberSchema, application: applicationSchema.nullable() });
    const application = { id: randomUUID(), candidateName: 'Zhou', phone: '13700001111' };
    const entries = contactReadsOf(nested, { member: member(), application }, director, 'r-3');
    expect(entries.map((entry) => entry.details)).toEqual([
      { resource: 'member', fields: ['phone', 'wechatId', 'email'] },
      { resource: 'application', fields: ['phone'] },
    ]);
  });

  it('are none without a caller, or for a reply without contact-bearing records', () => {
    expect(contactReadsOf(memberSchema, member(), undefined, 'r-4')).toEqual([]);
    expect(contactReadsOf(teamSchema, { id: randomUUID(), name: 'East' }, director, 'r-5')).toEqual(
      [],
    );
  });
});

describe('replies that can bear contact', () => {
  it('are those whose schema reaches a contact-bearing record, however nested', () => {
    expect(bearsContact(memberSchema)).toBe(true);
    expect(bearsContact(pageOf(customerSchema))).toBe(true);
    expect(bearsContact(z.object({ application: applicationSchema.nullable() }))).toBe(true);
    expect(bearsContact(z.union([teamSchema, z.object({ members: z.array(memberSchema) })]))).toBe(
      true,
    );
  });

  it('are not those of orders or teams, whose replies are then not walked', () => {
    expect(bearsContact(orderSchema)).toBe(false);
    expect(bearsContact(pageOf(teamSchema))).toBe(false);
  });

  it('include every route whose reply holds a record with contact fields', () => {
    const walked = routeRegistry.flatMap(({ spec }) =>
      spec.response &&
      [...objectSchemasIn(spec.response)].some((schema) =>
        CONTACT_BEARING.some((entry) => entry.schema === schema),
      )
        ? [spec.response]
        : [],
    );
    expect(walked.length).toBeGreaterThan(0);
    expect(walked.filter((schema) => !bearsContact(schema))).toEqual([]);
  });
});

describe('the contact-bearing resources', () => {
  const contactFields = new Set(
    Object.values(FIELD_RULES).flatMap((rules) =>
      Object.entries(rules).flatMap(([field, rule]) => (rule.class === 'contact' ? [field] : [])),
    ),
  );

  it('include every resource that has a contact field', () => {
    const bearing = Object.entries(FIELD_RULES)
      .filter(([, rules]) => Object.values(rules).some((rule) => rule.class === 'contact'))
      .map(([resource]) => resource);
    expect(CONTACT_BEARING.map((entry) => entry.resource).sort()).toEqual(bearing.sort());
  });

  it('are the only schemas with a contact field that any route replies with', () => {
    expect(routeRegistry.length).toBeGreaterThan(40);
    const registered = new Set(CONTACT_BEARING.map((entry) => entry.schema));
    const unregistered = routeRegistry.flatMap(({ controller, handler, spec }) =>
      spec.response
        ? [...objectSchemasIn(spec.response)]
            .filter((schema) => Object.keys(schema.shape).some((key) => contactFields.has(key)))
            .filter((schema) => !registered.has(schema))
            .map(() => `${(controller as { name: string }).name}.${handler}`)
        : [],
    );
    expect(unregistered).toEqual([]);
  });
});
