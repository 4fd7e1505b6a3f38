import { updateTeamInputSchema } from './team.schemas';

describe('the settings a PATCH /teams/:id may carry', () => {
  const accepts = (patch: unknown) => updateTeamInputSchema.safeParse(patch).success;

  it('takes the keys of the coming services, money and rates as decimal strings', () => {
    expect(
      accepts({
        settings: {
          revisitAfterDeliveryDays: 10,
          revisitEveryDays: 60,
          visitOverdueDays: 2,
          poolWarnDays: 5,
          remedialCourseId: '7f1c2a4e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
          probationMinSalesAmount: '5000.00',
          gradeBands: { S: 95, A: 85, B: 75, C: 65 },
          commissionRule: {
            kind: 'tiers',
            tiers: [
              { from: '0', rate: '0.02' },
              { from: '1', rate: '0.05' },
              { from: '1.2', rate: '0.08' },
            ],
          },
        },
      }),
    ).toBe(true);
    expect(accepts({ settings: { commissionRule: { kind: 'rate', rate: '0.035' } } })).toBe(true);
    expect(accepts({ settings: { remedialCourseId: null, probationMinSalesAmount: null } })).toBe(
      true,
    );
  });

  it.each([
    ['money as a number', { probationMinSalesAmount: 5000 }],
    ['money with more than two places', { probationMinSalesAmount: '5000.505' }],
    ['money beyond 999999999.99', { probationMinSalesAmount: '1000000000.00' }],
    ['a day count of zero', { visitOverdueDays: 0 }],
    ['bands that do not descend', { gradeBands: { S: 80, A: 85, B: 70, C: 60 } }],
    ['a band missing', { gradeBands: { S: 90, A: 80, B: 70 } }],
    ['a rate above one', { commissionRule: { kind: 'rate', rate: '1.5' } }],
    ['a rate as a number', { commissionRule: { kind: 'rate', rate: 0.05 } }],
    [
      'tiers that do not ascend',
      {
        commissionRule: {
          kind: 'tiers',
          tiers: [
            { from: '1', rate: '0.1' },
            { from: '0.8', rate: '0.2' },
          ],
        },
      },
    ],
    ['no tier', { commissionRule: { kind: 'tiers', tiers: [] } }],
    ['a course id that is not one', { remedialCourseId: 'course-1' }],
    ['an unknown key', { revisitDays: 7 }],
  ])('refuses %s', (_, settings) => {
    expect(accepts({ settings })).toBe(false);
  });

  it('refuses a key both set and inherited, and an unknown key to inherit', () => {
    expect(accepts({ settings: { poolWarnDays: 4 }, inheritSettings: ['poolWarnDays'] })).toBe(
      false,
    );
    expect(accepts({ inheritSettings: ['nope'] })).toBe(false);
    expect(accepts({ inheritSettings: ['poolWarnDays', 'gradeBands'] })).toBe(true);
  });
});
