import { MembersRpc } from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const MeetingsController = rpcController(
  'Meetings',
  { path: 'meetings', tag: 'meetings' },
  {
    record: route.create(MembersRpc.recordMeeting, {
      summary: 'Record a morning, evening or weekly team meeting',
      located: true,
    }),
    get: route.get(MembersRpc.getMeeting, {
      summary: "One meeting of a team in the caller's reach",
    }),
    list: route.list(MembersRpc.listMeetings, {
      summary: "List the team's meetings, newest first",
    }),
  },
);
