import type { CompanyCalendar } from '@salesops/calendar';
import { MembersRpc } from '@salesops/members-contracts';
import { permissionsOf, type Role } from '@salesops/policy';
import type { IdentityClaims, RpcClient } from '@salesops/rpc';

const DEMO_ROLES: Role[] = ['director', 'hr', 'team_leader'];

/**
 * Demo actors, so that what needs a second person (approvals) has one; each acts as a demo
 * member, so the rows name people (the director issues, the east manager approves, the east
 * team leader assesses as the applicant's direct leader).
 */
const actor = (id: string, memberId: string, roles: Role[] = DEMO_ROLES): IdentityClaims => ({
  caller: { kind: 'user', id, memberId, teamId: null, roles },
  permissions: [...permissionsOf(roles)],
  scope: { kind: 'company', teamIds: [], memberId: null },
});

/**
 * Confirms a demo member whose probation ended before the demo loaded (hired long ago), as soon
 * as they are hired: before the members service's sweep finds that probation over unreviewed
 * and announces it (`members.probation.due`). Nobody reviews their own probation.
 */
export async function confirmPastProbation(
  rpc: RpcClient,
  memberId: string,
  reviewerMemberId: string,
): Promise<void> {
  const context = {
    requestId: 'demo-seed',
    identity: actor('demo-seed-issuer', reviewerMemberId),
    timeoutMs: 10_000,
  };
  const member = await rpc.call(MembersRpc.getMember, { id: memberId }, context);
  if (member.status !== 'probation') return;
  await rpc.call(
    MembersRpc.reviewProbation,
    {
      id: memberId,
      expectedVersion: null,
      input: { decision: 'confirm', notes: 'Demo: confirmed.' },
    },
    context,
  );
}

const APPLICATION_STEPS = [
  { state: 'submitted', steps: [] },
  { state: 'screened', steps: [{ action: 'screen' }] },
  {
    state: 'interview_scheduled',
    steps: [{ action: 'screen' }, { action: 'schedule-interview', at: '2026-12-02T02:00:00.000Z' }],
  },
  {
    state: 'interviewed',
    steps: [
      { action: 'screen' },
      { action: 'schedule-interview', at: '2026-11-20T02:00:00.000Z' },
      {
        action: 'record-interview',
        score: 82,
        notes: 'Confident on the phone; knows the product.',
      },
    ],
  },
  {
    state: 'rejected',
    steps: [{ action: 'reject', reason: 'Looking for a part-time role.' }],
  },
] as const;

/**
 * Puts the demo company in every state a newcomer should see: members confirmed, in probation,
 * extended, suspended and departed; applications at every stage; a promotion on notice and one
 * submitted; commendations and sanctions, one waiting for approval; leave; a team meeting. Each
 * step only runs from the state before it, so running the seed again changes nothing.
 */
export async function seedDemoStates(
  rpc: RpcClient,
  people: ReadonlyMap<string, { id: string; teamId: string }>,
  extra: { suspended: string; departed: string; extended: string },
  calendar: CompanyCalendar,
): Promise<void> {
  const as = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });
  const member = (username: string) => people.get(username) as { id: string; teamId: string };
  const ISSUER = actor('demo-seed-issuer', member('director').id);
  const APPROVER = actor('demo-seed-approver', member('manager.east').id);
  const ASSESSOR = actor('demo-seed-assessor', member('leader.east1').id, ['team_leader']);
  const get = (id: string) => rpc.call(MembersRpc.getMember, { id }, as(ISSUER));

  for (const [username, { id }] of people) {
    if (username === 'rep.east1b') continue;
    if ((await get(id)).status === 'probation') {
      await rpc.call(
        MembersRpc.reviewProbation,
        { id, expectedVersion: null, input: { decision: 'confirm', notes: 'Demo: confirmed.' } },
        // Nobody reviews their own probation.
        as(id === ISSUER.caller.memberId ? APPROVER : ISSUER),
      );
    }
  }
  if ((await get(extra.extended)).status === 'probation') {
    const current = await get(extra.extended);
    if (current.version === 1) {
      // Two more weeks: the start of the company day 14 days after the current end.
      const until = calendar.dueAfterDays(new Date(current.probationEndsAt as string), 14);
      await rpc.call(
        MembersRpc.reviewProbation,
        {
          id: extra.extended,
          expectedVersion: null,
          input: {
            decision: 'extend',
            probationEndsAt: until.toISOString(),
            notes: 'Demo: two more weeks.',
          },
        },
        as(ISSUER),
      );
    }
  }
  if ((await get(extra.suspended)).status === 'probation') {
    await rpc.call(
      MembersRpc.suspendMember,
      {
        id: extra.suspended,
        expectedVersion: null,
        input: { reason: 'Demo: under review.', reasonKind: 'investigation' },
      },
      as(ISSUER),
    );
  }
  if ((await get(extra.departed)).status !== 'departed') {
    await rpc.call(
      MembersRpc.departMember,
      {
        id: extra.departed,
        expectedVersion: null,
        input: {
          reason: 'Demo: moved to another city.',
          reasonKind: 'resigned',
          handoverTo: member('rep.east1a').id,
        },
      },
      as(ISSUER),
    );
  }

  const east1 = member('leader.east1').teamId;
  for (const { state, steps } of [
    ...APPLICATION_STEPS,
    {
      state: 'hired',
      steps: [...APPLICATION_STEPS[3].steps, { action: 'hire', employeeNo: 'E-0190' }],
    },
  ] as const) {
    const application = await rpc.call(
      MembersRpc.createApplication,
      {
        idempotencyKey: `demo-application-${state}`,
        input: {
          candidateName: `Candidate ${state.replace('_', ' ')}`,
          phone: '13900000000',
          channel: 'referral',
          resume: 'Demo résumé.',
          teamId: east1,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        },
      },
      as(ISSUER),
    );
    // A repeated create answers with the first response: ask for where it is now.
    const current = await rpc.call(MembersRpc.getApplication, { id: application.id }, as(ISSUER));
    if (current.status !== 'submitted') continue;
    for (const step of steps) {
      await rpc.call(
        MembersRpc.advanceApplication,
        {
          id: application.id,
          expectedVersion: null,
          // The team's leader interviews.
          step:
            step.action === 'schedule-interview'
              ? { ...step, interviewerId: member('leader.east1').id }
              : step,
        },
        as(ISSUER),
      );
    }
  }

  const onNotice = await rpc.call(
    MembersRpc.applyForPromotion,
    {
      idempotencyKey: 'demo-promotion-east1a',
      input: {
        memberId: member('rep.east1a').id,
        toLevel: 'senior_sales_rep',
        reason: 'Demo: top seller.',
      },
    },
    as(ISSUER),
  );
  const promotion = await rpc.call(MembersRpc.getPromotion, { id: onNotice.id }, as(ISSUER));
  if (promotion.status === 'submitted') {
    await rpc.call(
      MembersRpc.assessPromotion,
      {
        id: onNotice.id,
        expectedVersion: null,
        input: { performance: 92, teamwork: 85, growth: 88, recommend: true },
      },
      as(ASSESSOR),
    );
    await rpc.call(
      MembersRpc.decidePromotion,
      { id: onNotice.id, expectedVersion: null, decision: 'approve' },
      as(APPROVER),
    );
  }
  await rpc.call(
    MembersRpc.applyForPromotion,
    {
      idempotencyKey: 'demo-promotion-west1a',
      input: {
        memberId: member('rep.west1a').id,
        toLevel: 'senior_sales_rep',
        reason: 'Demo: steady growth.',
      },
    },
    as(ISSUER),
  );

  const records = await rpc.call(
    MembersRpc.listRecords,
    { id: member('rep.west1a').id },
    as(ISSUER),
  );
  if (records.items.length === 0) {
    await rpc.call(
      MembersRpc.issueCommendation,
      {
        memberId: member('rep.east1a').id,
        input: { kind: 'sales_champion', reason: 'Demo: best month.', amount: '500.00' },
      },
      as(ISSUER),
    );
    await rpc.call(
      MembersRpc.issueSanction,
      {
        memberId: member('rep.east1b').id,
        input: { kind: 'warning', reason: 'Demo: late reports.', amount: null },
      },
      as(ISSUER),
    );
    await rpc.call(
      MembersRpc.issueSanction,
      {
        memberId: member('rep.west1a').id,
        input: { kind: 'fine', reason: 'Demo: missed visits.', amount: '100.00' },
      },
      as(ISSUER),
    );
  }

  // Leave is never in the past: next month on the company calendar (a new month, new demo leave).
  const leaveMonth = monthAfter(calendar.monthOf(new Date()));
  const leave = await rpc.call(
    MembersRpc.requestLeave,
    {
      idempotencyKey: `demo-leave-vice-east1-${leaveMonth}`,
      input: {
        memberId: member('vice.east1').id,
        kind: 'annual',
        startsOn: `${leaveMonth}-21`,
        endsOn: `${leaveMonth}-23`,
        reason: 'Demo: family visit.',
      },
    },
    as(ISSUER),
  );
  const leaves = await rpc.call(
    MembersRpc.listLeaveRequests,
    { limit: 20, memberId: member('vice.east1').id },
    as(ISSUER),
  );
  if (leaves.items.some((item) => item.id === leave.id && item.status === 'pending')) {
    await rpc.call(
      MembersRpc.decideLeave,
      { id: leave.id, expectedVersion: null, decision: 'approve' },
      as(APPROVER),
    );
  }
  await rpc.call(
    MembersRpc.requestLeave,
    {
      idempotencyKey: `demo-leave-east1a-${leaveMonth}`,
      input: {
        memberId: member('rep.east1a').id,
        kind: 'personal',
        startsOn: `${leaveMonth}-28`,
        endsOn: `${leaveMonth}-28`,
        reason: 'Demo: moving house.',
      },
    },
    as(ISSUER),
  );
  await rpc.call(
    MembersRpc.recordMeeting,
    {
      idempotencyKey: 'demo-meeting-east1',
      input: {
        teamId: east1,
        kind: 'morning',
        heldOn: '2026-11-25',
        attendeeIds: ['leader.east1', 'vice.east1', 'rep.east1a', 'rep.east1b'].map(
          (username) => member(username).id,
        ),
        notes: 'Demo: targets for the week.',
        casesShared: ['A customer won back after a complaint.'],
        actionItems: [
          {
            text: 'Call back the three A-level leads.',
            ownerId: member('rep.east1a').id,
            dueOn: '2026-11-27',
          },
        ],
      },
    },
    as(ISSUER),
  );
}

function monthAfter(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
