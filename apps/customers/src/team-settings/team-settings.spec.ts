import { remedialCourseOf, settingOf } from './team-settings';

describe('team settings as customers holds them', () => {
  it("reads a team's own value, and the members default while none arrived", () => {
    expect(settingOf({ complaintAckHours: 4 }, 'complaintAckHours')).toBe(4);
    expect(settingOf(null, 'complaintAckHours')).toBe(2);
    expect(settingOf({}, 'complaintResolveHours')).toBe(48);
    expect(settingOf({ revisitEveryDays: 'soon' }, 'revisitEveryDays')).toBe(90);
    expect(settingOf(null, 'revisitAfterDeliveryDays')).toBe(7);
  });

  it('names the remedial course only when the team sets one', () => {
    const course = '0b7d3c1e-52a4-4f0e-9a55-1d2c3b4a5f60';
    expect(remedialCourseOf({ remedialCourseId: course })).toBe(course);
    expect(remedialCourseOf({ remedialCourseId: null })).toBeNull();
    expect(remedialCourseOf(null)).toBeNull();
  });
});
