import { createApplicationInputSchema } from './application.schemas';

const candidate = {
  candidateName: 'Qian Ming',
  channel: 'referral',
  teamId: '00000000-0000-4000-8000-000000000001',
};

describe('createApplicationInputSchema', () => {
  // api.md's Application names no track or level: an application with its fields alone is taken.
  it.each(['sales_rep', 'vice_leader', 'team_leader', 'customer_service', 'operations'])(
    'takes an application for %s without track and level',
    (position) => {
      expect(createApplicationInputSchema.safeParse({ ...candidate, position }).success).toBe(true);
    },
  );

  it('still takes an explicit track and level', () => {
    const parsed = createApplicationInputSchema.parse({
      ...candidate,
      position: 'hr',
      track: 'professional',
      level: 'sales_rep',
    });
    expect(parsed).toMatchObject({ track: 'professional', level: 'sales_rep' });
  });

  it('asks for track and level where the position has no ladder of its own', () => {
    const result = createApplicationInputSchema.safeParse({ ...candidate, position: 'finance' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'level',
      'track',
    ]);
  });

  it('asks for the other of track and level when only one is given', () => {
    const result = createApplicationInputSchema.safeParse({
      ...candidate,
      position: 'sales_rep',
      track: 'professional',
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['level']);
  });
});
