import {
  CustomersRpc,
  listFollowUpsQuerySchema,
  logFollowUpInputSchema,
} from '@salesops/customers-contracts';

import { idParams } from '../http/id-params';
import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const CustomersController = rpcController(
  'Customers',
  { path: 'customers', tag: 'customers' },
  {
    create: route.create(CustomersRpc.createCustomer, {
      summary: 'Register a customer (a lead); a phone or WeChat id already known is 409',
      located: true,
    }),
    list: route.list(CustomersRpc.listCustomers, {
      summary: 'List customers (contact fields masked unless `contact=clear` and allowed)',
    }),
    get: route.get(CustomersRpc.getCustomer, { summary: 'Get a customer' }),
    update: route.command(CustomersRpc.updateCustomer, {
      method: 'PATCH',
      path: ':id',
      summary: "Change a customer's details",
      bodyIn: 'patch',
    }),
    history: route.get(CustomersRpc.customerHistory, {
      path: ':id/history',
      summary: "The customer's changes of stage and owner, with who and when",
    }),
    markLost: route.command(CustomersRpc.markLost, {
      path: ':id/mark-lost',
      summary: 'Mark an open customer lost, with the reason',
    }),
    markDormant: route.command(CustomersRpc.markDormant, {
      path: ':id/mark-dormant',
      summary: 'Mark an open customer dormant, with the reason',
    }),
    reopen: route.command(CustomersRpc.reopen, {
      path: ':id/reopen',
      summary: 'Reopen a lost or dormant customer (back to contacted)',
    }),
    advance: route.command(CustomersRpc.advance, {
      path: ':id/advance',
      summary: 'Move an open customer on to qualified or negotiating',
    }),
    markWon: route.command(CustomersRpc.markWon, {
      path: ':id/mark-won',
      summary: "Mark a customer won (leaders, until orders announce the customer's first order)",
    }),
    transfer: route.command(CustomersRpc.transfer, {
      path: ':id/transfer',
      summary:
        'Give a customer to another member of your reach; the owners are kept on its history',
    }),
    followUps: route.list(CustomersRpc.listFollowUps, {
      path: ':id/follow-ups',
      summary: "A customer's follow-ups, newest first",
      params: idParams,
      query: listFollowUpsQuerySchema,
      request: ({ params, query }) => ({ ...query, customerId: params.id }),
    }),
    logFollowUp: route.action(CustomersRpc.logFollowUp, {
      path: ':id/follow-ups',
      status: 201,
      summary:
        'Log a follow-up: it sets the last contact and next follow-up, and moves a lead to contacted',
      body: logFollowUpInputSchema,
      located: (_, params) => `customers/${params['id']}/follow-ups`,
      request: ({ params, body }) => ({ customerId: params.id, input: body }),
    }),
  },
);

export const LeadQuotaController = rpcController(
  'LeadQuota',
  { path: 'lead-quota', tag: 'customers' },
  {
    report: route.list(CustomersRpc.leadQuota, {
      summary:
        "A team's weekly lead quota: every rep's leads of the company week, the quota and shortfall",
    }),
  },
);
