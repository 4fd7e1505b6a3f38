import { CustomersRpc } from '@salesops/customers-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const CareRemindersController = rpcController(
  'CareReminders',
  { path: 'care-reminders', tag: 'customers' },
  {
    list: route.list(CustomersRpc.listCareReminders, {
      summary:
        "Greetings due to customers on their birthday or a configured holiday (a rep: their own customers'), open ones by default",
    }),
    done: route.action(CustomersRpc.careReminderDone, {
      path: ':id/done',
      summary: 'Mark a greeting done (the customer’s owner)',
      request: ({ params }) => ({ id: params.id }),
    }),
    dismiss: route.action(CustomersRpc.dismissCareReminder, {
      path: ':id/dismiss',
      summary: 'Dismiss a greeting (the customer’s owner)',
      request: ({ params }) => ({ id: params.id }),
    }),
  },
);
