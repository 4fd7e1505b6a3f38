import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { calendarEnvSchema } from '@salesops/calendar';
import { MembersRpc } from '@salesops/members-contracts';
import { mfaRequiredFor, roleOfPosition } from '@salesops/policy';
import { createPrismaAdapter, type FieldCipher } from '@salesops/persistence';
import {
  type CallContext,
  connectNats,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
  SYSTEM_IDENTITY,
} from '@salesops/rpc';
import { loadConfig, loadConfigOrExit } from '@salesops/service-runtime';

import { mfaSecretPlace } from '../auth/mfa-secret-place';
import { hashPassword } from '../auth/password-hasher';
import { gatewayEnvSchema } from '../gateway-config';
import { PrismaClient } from '../generated/prisma/client';
import { DEMO_EXTRA_HIRES, DEMO_MFA_SECRET, DEMO_PEOPLE, DEMO_TEAMS } from './demo-company';
import { seedDemoComplaints } from './demo-complaints';
import { seedDemoContracts } from './demo-contracts';
import { seedDemoCustomerCare } from './demo-customer-care';
import { seedDemoCustomers } from './demo-customers';
import { demoLoaded, seedDemoDepartments } from './demo-departments';
import { demoHireDate } from './demo-hire-dates';
import { seedDemoHistory } from './demo-history';
import { seedDemoOrders } from './demo-orders';
import { confirmPastProbation, seedDemoStates } from './demo-states';
import { seedDemoTraining } from './demo-training';

/**
 * Loads the demo company through the members service, then the demo users into the gateway. Every
 * write carries a fixed idempotency key, so a load interrupted half-way is finished by the next
 * one; a company loaded in full is left as it is (`npm run db:reset` loads it afresh).
 */
async function seed(): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') {
    process.stderr.write('demo data is never loaded with NODE_ENV=production\n');
    process.exit(1);
  }
  const config = loadConfigOrExit('gateway', () => loadConfig(gatewayEnvSchema));
  // The services' calendar (COMPANY_TIME_ZONE, COMPANY_HOLIDAYS): the demo's days are the company's.
  const calendar = loadConfigOrExit('gateway', () => loadConfig(calendarEnvSchema));
  const password = process.env['SALESOPS_DEMO_PASSWORD'] || 'salesops-demo';
  const nats = await connectNats(config.nats, 'demo-seed', 'gateway');
  const rpc = new RpcClient(
    nats,
    undefined,
    new IdentitySigner(privateKeyFromBase64(config.identityPrivateKey)),
  );
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(config.databaseUrl, 2) });
  const context = { requestId: 'demo-seed', identity: SYSTEM_IDENTITY, timeoutMs: 10_000 };
  try {
    if (await demoLoaded(prisma)) {
      process.stdout.write('demo company already loaded (npm run db:reset loads it afresh)\n');
      return;
    }
    const teamIds = new Map<string, string>();
    let firstLoadedAt = new Date();
    for (const { key, parent, team, ownSettings } of DEMO_TEAMS) {
      const parentId = parent ? (teamIds.get(parent) ?? null) : null;
      const created = await rpc.call(
        MembersRpc.createTeam,
        { idempotencyKey: `demo-team-${key}`, input: { ...team, parentId } },
        context,
      );
      teamIds.set(key, created.id);
      if (key === 'company') firstLoadedAt = new Date(created.createdAt);
      if (ownSettings) await setOwnSettings(rpc, context, created.id, ownSettings);
    }
    const hiredAt = (daysBefore: number) => demoHireDate(calendar, firstLoadedAt, daysBefore);
    const passwordHash = await hashPassword(password);
    await upsertUser(prisma, config.mfaCipher, {
      username: 'admin',
      passwordHash,
      memberId: null,
      teamId: null,
      roles: ['admin'],
      grants: ['admin'],
    });
    const people = new Map<string, { id: string; teamId: string }>();
    const unreviewed: string[] = [];
    for (const { username, team, member, hiredDaysBefore } of DEMO_PEOPLE) {
      const teamId = teamIds.get(team) as string;
      const created = await rpc.call(
        MembersRpc.createMember,
        {
          idempotencyKey: `demo-member-${username}`,
          input: { ...member, teamId, hiredAt: hiredAt(hiredDaysBefore) },
        },
        context,
      );
      people.set(username, { id: created.id, teamId });
      if (Date.parse(created.probationEndsAt ?? '') <= Date.now()) unreviewed.push(created.id);
      // The director reviews (the first other person hired reviews the director).
      for (const id of [...unreviewed]) {
        const reviewer = [...people.values()].find((person) => person.id !== id);
        if (!reviewer) continue;
        await confirmPastProbation(rpc, id, reviewer.id);
        unreviewed.splice(unreviewed.indexOf(id), 1);
      }
      await upsertUser(prisma, config.mfaCipher, {
        username,
        passwordHash,
        memberId: created.id,
        teamId,
        roles: [roleOfPosition(created.position) ?? 'sales_rep'],
      });
    }
    for (const { key, leaders } of DEMO_TEAMS) {
      if (leaders) await setLeaders(rpc, context, teamIds.get(key) as string, leaders, people);
    }
    const extra = async (key: keyof typeof DEMO_EXTRA_HIRES) => {
      const { team, employeeNo, name, hiredDaysBefore } = DEMO_EXTRA_HIRES[key];
      const created = await rpc.call(
        MembersRpc.createMember,
        {
          idempotencyKey: `demo-member-${key}`,
          input: {
            employeeNo,
            name,
            teamId: teamIds.get(team) as string,
            position: 'sales_rep',
            track: 'professional',
            level: 'sales_rep',
            hiredAt: hiredAt(hiredDaysBefore),
          },
        },
        context,
      );
      return created.id;
    };
    await seedDemoStates(
      rpc,
      people,
      {
        suspended: await extra('suspended'),
        departed: await extra('departed'),
        extended: await extra('extended'),
      },
      calendar,
    );
    const customers = await seedDemoCustomers(rpc, people, (line) =>
      process.stdout.write(`${line}\n`),
    );
    const products = await seedDemoOrders(rpc, people, customers);
    await seedDemoContracts(rpc, people, customers);
    await seedDemoComplaints(rpc, people, customers);
    await seedDemoCustomerCare(rpc, people, customers, calendar);
    const courses = await seedDemoTraining(rpc, people);
    await setRemedialCourse(rpc, context, teamIds.get('company'), courses.get('service'));
    if (products) {
      await seedDemoHistory(
        rpc,
        people,
        { products, course: courses.get('product') ?? null },
        calendar,
        process.env['TEST_CLOCK_FILE'],
        (line) => process.stdout.write(`${line}\n`),
      );
    }
    const departments = await seedDemoDepartments(
      prisma,
      config.mfaCipher,
      password,
      Number(process.env['DEMO_HR_RECEIVER_PORT'] || 3901),
    );
    process.stdout.write(
      `demo departments: HR's webhook to ${departments.hrWebhookUrl}; the dashboard's stream key ${departments.streamKey}\n`,
    );
    process.stdout.write(
      `demo company loaded: ${DEMO_TEAMS.length} teams, ${DEMO_PEOPLE.length + 1} users\n`,
    );
  } finally {
    await prisma.$disconnect();
    await nats.close();
  }
}

/** The team's leader and vice leader, set once (a second run finds them set). */
async function setLeaders(
  rpc: RpcClient,
  context: CallContext,
  teamId: string,
  leaders: { leader: string; vice?: string },
  people: ReadonlyMap<string, { id: string }>,
): Promise<void> {
  const leaderId = people.get(leaders.leader)?.id ?? null;
  const viceLeaderId = (leaders.vice && people.get(leaders.vice)?.id) || null;
  const team = await rpc.call(MembersRpc.getTeam, { id: teamId }, context);
  if (team.leaderId === leaderId && team.viceLeaderId === viceLeaderId) return;
  await rpc.call(
    MembersRpc.updateTeam,
    { id: teamId, expectedVersion: team.version, patch: { leaderId, viceLeaderId } },
    context,
  );
}

/** A team's own settings, set once (a second run finds them set). */
async function setOwnSettings(
  rpc: RpcClient,
  context: CallContext,
  teamId: string,
  settings: { probationDays: number },
): Promise<void> {
  const team = await rpc.call(MembersRpc.getTeam, { id: teamId }, context);
  if (team.ownSettings.probationDays === settings.probationDays) return;
  await rpc.call(
    MembersRpc.updateTeam,
    { id: teamId, expectedVersion: team.version, patch: { settings } },
    context,
  );
}

/**
 * The company's remedial course (inherited by every team): a complaint resolved with a
 * `sales_skill` or `service_attitude` root cause enrolls the responsible member in it.
 */
async function setRemedialCourse(
  rpc: RpcClient,
  context: CallContext,
  companyId: string | undefined,
  courseId: string | undefined,
): Promise<void> {
  if (!companyId || !courseId) return;
  const team = await rpc.call(MembersRpc.getTeam, { id: companyId }, context);
  if (team.ownSettings.remedialCourseId === courseId) return;
  await rpc.call(
    MembersRpc.updateTeam,
    {
      id: companyId,
      expectedVersion: team.version,
      patch: { settings: { remedialCourseId: courseId } },
    },
    context,
  );
}

async function upsertUser(
  prisma: PrismaClient,
  mfaCipher: FieldCipher,
  user: {
    username: string;
    passwordHash: string;
    memberId: string | null;
    teamId: string | null;
    roles: string[];
    /** Roles beyond the position's: an administrator's, who has no position. */
    grants?: string[];
  },
): Promise<void> {
  const id = randomUUID();
  const mfa = mfaRequiredFor(user.roles)
    ? {
        mfaSecret: mfaCipher.encrypt(DEMO_MFA_SECRET, mfaSecretPlace(id)),
        mfaEnabledAt: new Date(),
      }
    : {};
  await prisma.user.upsert({
    where: { username: user.username },
    create: { id, ...user, ...mfa },
    update: user,
  });
}

seed().catch((error: unknown) => {
  process.stderr.write(
    `demo seed failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
