import { FIELD_RULES } from '@salesops/policy';

import { applicationSchema, interviewSchema } from './application.schemas';
import { leaveRequestSchema, meetingSchema } from './leave.schemas';
import { memberSchema } from './member.schemas';
import { objectionSchema, promotionSchema } from './promotion.schemas';
import { memberRecordSchema } from './record.schemas';
import { teamSchema } from './team.schemas';

// The policy is an allowlist: a field a reply can carry but the policy does not classify is shown
// to administrators only, so adding one without a class is a mistake this test catches.
describe('every field the members service returns has a confidentiality class', () => {
  it.each([
    ['member', memberSchema.shape, FIELD_RULES.member],
    ['team', teamSchema.shape, FIELD_RULES.team],
    ['application', applicationSchema.shape, FIELD_RULES.application],
    ['interview', interviewSchema.shape, FIELD_RULES.interview],
    ['record', memberRecordSchema.shape, FIELD_RULES.record],
    ['promotion', promotionSchema.shape, FIELD_RULES.promotion],
    ['objection', objectionSchema.shape, FIELD_RULES.objection],
    ['leave request', leaveRequestSchema.shape, FIELD_RULES.leaveRequest],
    ['meeting', meetingSchema.shape, FIELD_RULES.meeting],
  ] as const)('%s', (_, shape, rules) => {
    expect(Object.keys(shape).filter((field) => !(field in rules))).toEqual([]);
  });
});
