import { deadLetterSubjectOf, streamOf } from './bus-subjects';

describe('bus subjects', () => {
  it('put each source in its own stream, and dead letters in theirs', () => {
    expect(streamOf('members')).toEqual({
      name: 'SALESOPS_MEMBERS',
      subjects: ['salesops.members.>'],
    });
    expect(deadLetterSubjectOf('performance-roster')).toBe(
      'salesops.deadletter.performance-roster',
    );
  });
});
