import {
  commendationInputSchema,
  MembersRpc,
  sanctionInputSchema,
} from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

/** Commendations and sanctions in members' files. */
export const RecordsController = rpcController(
  'Records',
  { tag: 'records' },
  {
    commend: route.action(MembersRpc.issueCommendation, {
      path: 'members/:id/commendations',
      summary: 'Commend a member (with an optional award amount)',
      status: 201,
      body: commendationInputSchema,
      located: (_, params) => `members/${params['id']}/records`,
      request: ({ params, body }) => ({ memberId: params.id, input: body }),
    }),
    sanction: route.action(MembersRpc.issueSanction, {
      path: 'members/:id/sanctions',
      summary:
        'Sanction a member: a warning takes effect at once, a fine or demotion after a manager approves, a dismissal after a director does',
      status: 201,
      body: sanctionInputSchema,
      located: (_, params) => `members/${params['id']}/records`,
      request: ({ params, body }) => ({ memberId: params.id, input: body }),
    }),
    approve: route.command(MembersRpc.decideSanction, {
      path: 'sanctions/:id/approve',
      summary: 'Approve a sanction (a dismissal names who takes over the member’s work)',
      fixed: { decision: 'approve' },
    }),
    reject: route.command(MembersRpc.decideSanction, {
      path: 'sanctions/:id/reject',
      summary: 'Reject a sanction that waits for approval',
      fixed: { decision: 'reject', input: {} },
    }),
    list: route.get(MembersRpc.listRecords, {
      path: 'members/:id/records',
      summary: "A member's commendations and sanctions, newest first",
    }),
  },
);
