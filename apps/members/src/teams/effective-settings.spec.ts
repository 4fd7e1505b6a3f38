import { TEAM_SETTING_DEFAULTS } from '@salesops/members-contracts';

import {
  effectiveSettingsOfChain,
  effectiveSettingsOfSubtree,
  settingsDiffer,
} from './effective-settings';

describe('effective team settings', () => {
  it('are the defaults for a team that sets nothing under parents that set nothing', () => {
    expect(effectiveSettingsOfChain([{}, {}])).toEqual(TEAM_SETTING_DEFAULTS);
    expect(TEAM_SETTING_DEFAULTS).toMatchObject({
      revisitAfterDeliveryDays: 7,
      revisitEveryDays: 90,
      visitOverdueDays: 3,
      poolWarnDays: 3,
      remedialCourseId: null,
      probationMinSalesAmount: null,
      gradeBands: { S: 90, A: 80, B: 70, C: 60 },
    });
  });

  it("take a team's own value over its parent's, and its parent's over the grandparent's and the defaults", () => {
    const company = {
      probationDays: 60,
      revisitEveryDays: 120,
      probationMinSalesAmount: '9000.00',
    };
    const department = { probationDays: 45, gradeBands: { S: 95, A: 85, B: 75, C: 65 } };
    const team = { probationDays: 20, probationMinSalesAmount: null };

    const effective = effectiveSettingsOfChain([company, department, team]);

    expect(effective).toMatchObject({
      probationDays: 20,
      revisitEveryDays: 120,
      gradeBands: { S: 95, A: 85, B: 75, C: 65 },
      probationMinSalesAmount: null,
      visitOverdueDays: 3,
    });
    expect(effectiveSettingsOfChain([company, department])).toMatchObject({
      probationDays: 45,
      probationMinSalesAmount: '9000.00',
    });
  });

  it('flow down a subtree, parents first', () => {
    const inherited = { ...TEAM_SETTING_DEFAULTS, poolWarnDays: 5 };
    const effective = effectiveSettingsOfSubtree(inherited, [
      { id: 'top', parentId: 'above', own: { visitOverdueDays: 4 } },
      { id: 'child', parentId: 'top', own: {} },
      { id: 'grandchild', parentId: 'child', own: { visitOverdueDays: 2 } },
    ]);

    expect(effective.get('child')).toMatchObject({ poolWarnDays: 5, visitOverdueDays: 4 });
    expect(effective.get('grandchild')).toMatchObject({ poolWarnDays: 5, visitOverdueDays: 2 });
    expect(settingsDiffer(effective.get('top'), effective.get('child'))).toBe(false);
    expect(settingsDiffer(effective.get('child'), effective.get('grandchild'))).toBe(true);
  });
});
