import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import {
  closeComplaintInputSchema,
  complaintReportQuerySchema,
  complaintReportSchema,
  complaintSchema,
  createComplaintInputSchema,
  listComplaintsQuerySchema,
  reopenComplaintInputSchema,
  resolveComplaintInputSchema,
} from './complaint.schemas';

const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();
const step = z.object({ id: z.uuid(), expectedVersion }).strict();

/** Complaints, their deadlines and the root-cause report. */
export const ComplaintRpc = {
  createComplaint: defineRpc({
    subject: 'customers.complaint.create.v1',
    permission: 'customers:write',
    request: z.object({ idempotencyKey, input: createComplaintInputSchema }).strict(),
    reply: complaintSchema,
  }),
  getComplaint: defineRpc({
    subject: 'customers.complaint.get.v1',
    permission: 'customers:read',
    request: z.object({ id: z.uuid() }).strict(),
    reply: complaintSchema,
  }),
  listComplaints: defineRpc({
    subject: 'customers.complaint.list.v1',
    permission: 'customers:read',
    request: listComplaintsQuerySchema,
    reply: pageOf(complaintSchema),
  }),
  acknowledgeComplaint: defineRpc({
    subject: 'customers.complaint.acknowledge.v1',
    permission: 'customers:write',
    request: step,
    reply: complaintSchema,
  }),
  investigateComplaint: defineRpc({
    subject: 'customers.complaint.investigate.v1',
    permission: 'customers:write',
    request: step,
    reply: complaintSchema,
  }),
  resolveComplaint: defineRpc({
    subject: 'customers.complaint.resolve.v1',
    permission: 'customers:write',
    request: step.extend({ input: resolveComplaintInputSchema }).strict(),
    reply: complaintSchema,
  }),
  closeComplaint: defineRpc({
    subject: 'customers.complaint.close.v1',
    permission: 'customers:write',
    request: step.extend({ input: closeComplaintInputSchema }).strict(),
    reply: complaintSchema,
  }),
  reopenComplaint: defineRpc({
    subject: 'customers.complaint.reopen.v1',
    permission: 'customers:write',
    request: step.extend({ input: reopenComplaintInputSchema }).strict(),
    reply: complaintSchema,
  }),
  complaintReport: defineRpc({
    subject: 'customers.complaint.report.v1',
    permission: 'customers:read',
    request: complaintReportQuerySchema,
    reply: complaintReportSchema,
  }),
} as const;
