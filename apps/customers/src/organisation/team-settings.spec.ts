import { teamSettingsOf } from './team-settings';

describe('team settings as customers holds them', () => {
  it("reads a team's own value, and the members default while none arrived", () => {
    expect(teamSettingsOf({ settings: { complaintAckHours: 4 } }).complaintAckHours).toBe(4);
    expect(teamSettingsOf(null).complaintAckHours).toBe(2);
    expect(teamSettingsOf({ settings: {} }).complaintResolveHours).toBe(48);
    expect(teamSettingsOf({ settings: null }).revisitAfterDeliveryDays).toBe(7);
  });

  it('names the remedial course only when the team sets one', () => {
    const course = '0b7d3c1e-52a4-4f0e-9a55-1d2c3b4a5f60';
    expect(teamSettingsOf({ settings: { remedialCourseId: course } }).remedialCourseId).toBe(
      course,
    );
    expect(teamSettingsOf({ settings: {} }).remedialCourseId).toBeNull();
  });
});
