import { MembersRpc } from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

const decision = (decision: 'approve' | 'reject', summary: string) =>
  route.command(MembersRpc.decidePromotion, {
    path: `:id/${decision}`,
    summary,
    fixed: { decision },
  });

/** Promotions: application, assessment, decision, public notice and objections. */
export const PromotionsController = rpcController(
  'Promotions',
  { path: 'promotions', tag: 'promotions' },
  {
    apply: route.create(MembersRpc.applyForPromotion, {
      summary: 'Apply for the next level (the member, or their leader for them)',
      located: true,
    }),
    list: route.list(MembersRpc.listPromotions, { summary: 'List promotions, newest first' }),
    get: route.get(MembersRpc.getPromotion, {
      summary: 'Get a promotion with its evidence pack and objections',
    }),
    assess: route.command(MembersRpc.assessPromotion, {
      path: ':id/assess',
      summary:
        "The applicant's direct leader (the rank just above theirs) scores performance, teamwork and growth and recommends",
    }),
    approve: decision(
      'approve',
      'Approve (a manager or above, not the applicant): the public notice starts',
    ),
    reject: decision(
      'reject',
      'Reject an assessed promotion (a manager or above, not the applicant)',
    ),
    object: route.action(MembersRpc.objectToPromotion, {
      path: ':id/objections',
      summary: 'Object to a promotion on public notice (any member of the team)',
    }),
    finalize: route.command(MembersRpc.finalizePromotion, {
      path: ':id/finalize',
      summary:
        'Rule on an objection (HR or a director): upheld rejects the promotion; dismissed lets the notice run out',
    }),
  },
);
