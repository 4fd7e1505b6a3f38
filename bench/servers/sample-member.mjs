// A reply shaped and sized like a real member, so the raw NATS hop moves the same bytes as the
// slice's GET /api/v1/members/:id.
export const SAMPLE_MEMBER = {
  id: '6f1c0f7e-2b7a-4c1e-9a53-0d6c2f7a9b10',
  employeeNo: 'B-bench-000001',
  name: 'Bench Member 000001',
  phone: null,
  wechatId: null,
  email: null,
  teamId: '0b8a9d4e-6c3f-4f5a-8e2d-1a7b9c0d3e21',
  position: 'sales_rep',
  track: 'professional',
  level: 'sales_rep',
  status: 'probation',
  hiredAt: '2026-01-01T00:00:00.000Z',
  probationEndsAt: '2026-01-31T00:00:00.000Z',
  departedAt: null,
  version: 1,
};
