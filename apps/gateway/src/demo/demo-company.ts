import type { CreateMemberInput, CreateTeamInput } from '@salesops/members-contracts';

export interface DemoTeam {
  key: string;
  parent: string | null;
  team: Omit<CreateTeamInput, 'parentId'>;
  /** The usernames of the team's leader and vice leader. */
  leaders?: { leader: string; vice?: string };
  /** Settings of its own, set before anyone is hired into it. */
  ownSettings?: { probationDays: number };
}

export interface DemoPerson {
  username: string;
  team: string;
  member: Omit<CreateMemberInput, 'teamId' | 'hiredAt'>;
  /** Company days between their hire and the demo's first load (demo-hire-dates.ts). */
  hiredDaysBefore: number;
}

/** The demo company of api.md: two departments with two teams each, every position filled. */
export const DEMO_TEAMS: DemoTeam[] = [
  {
    key: 'company',
    parent: null,
    team: { name: 'SalesOps Demo Company', kind: 'company' },
    leaders: { leader: 'director' },
  },
  {
    key: 'east',
    parent: 'company',
    team: { name: 'East Department', kind: 'department' },
    leaders: { leader: 'manager.east' },
  },
  {
    key: 'west',
    parent: 'company',
    team: { name: 'West Department', kind: 'department' },
    leaders: { leader: 'manager.west' },
  },
  {
    key: 'east1',
    parent: 'east',
    team: { name: 'East Team 1', kind: 'wechat_commerce' },
    leaders: { leader: 'leader.east1', vice: 'vice.east1' },
    // Six months, the longest a probation may run: rep.east1b, hired before the demo's three
    // months of sales, is still in probation when it loads.
    ownSettings: { probationDays: 180 },
  },
  {
    key: 'east2',
    parent: 'east',
    team: { name: 'East Team 2', kind: 'online_sales' },
    leaders: { leader: 'leader.east2' },
  },
  {
    key: 'west1',
    parent: 'west',
    team: { name: 'West Team 1', kind: 'membership_sales' },
    leaders: { leader: 'leader.west1' },
  },
  {
    key: 'west2',
    parent: 'west',
    team: { name: 'West Team 2', kind: 'wecom_sales' },
    leaders: { leader: 'leader.west2' },
  },
];

const person = (
  username: string,
  team: string,
  employeeNo: string,
  name: string,
  position: DemoPerson['member']['position'],
  track: DemoPerson['member']['track'],
  level: string,
  hiredDaysBefore: number,
): DemoPerson => ({
  username,
  team,
  hiredDaysBefore,
  member: {
    employeeNo,
    name,
    position,
    track,
    level,
    phone: `1380000${employeeNo.slice(-4)}`,
    email: `${username}@demo.salesops.dev`,
    wechatId: `wx_${username.replace('.', '_')}`,
  },
});

/** The demo people, each hired that many company days before the demo was first loaded. */
export const DEMO_PEOPLE: DemoPerson[] = [
  person('director', 'company', 'D-0001', 'Zhang Wei', 'director', 'management', 'director', 2900),
  person('hr', 'company', 'D-0002', 'Li Na', 'hr', 'professional', 'sales_rep', 2200),
  person('finance', 'company', 'D-0003', 'Wang Fang', 'finance', 'professional', 'sales_rep', 1900),
  person('trainer', 'company', 'D-0004', 'Liu Yang', 'trainer', 'professional', 'sales_rep', 1500),
  person('manager.east', 'east', 'E-0001', 'Chen Jie', 'manager', 'management', 'manager', 2400),
  person(
    'leader.east1',
    'east1',
    'E-0101',
    'Yang Min',
    'team_leader',
    'management',
    'team_leader',
    1300,
  ),
  person(
    'vice.east1',
    'east1',
    'E-0102',
    'Zhao Lei',
    'vice_leader',
    'professional',
    'senior_sales_rep',
    900,
  ),
  person(
    'rep.east1a',
    'east1',
    'E-0103',
    'Huang Li',
    'sales_rep',
    'professional',
    'sales_rep',
    420,
  ),
  person(
    'rep.east1b',
    'east1',
    'E-0104',
    'Zhou Qiang',
    'sales_rep',
    'professional',
    'sales_rep',
    125,
  ),
  person(
    'service.east1',
    'east1',
    'E-0105',
    'Wu Xia',
    'customer_service',
    'professional',
    'customer_service',
    600,
  ),
  person('ops.east1', 'east1', 'E-0106', 'Xu Tao', 'operations', 'professional', 'operations', 800),
  person(
    'leader.east2',
    'east2',
    'E-0201',
    'Sun Hui',
    'team_leader',
    'management',
    'team_leader',
    1100,
  ),
  person('manager.west', 'west', 'W-0001', 'Ma Lin', 'manager', 'management', 'manager', 2000),
  person(
    'leader.west1',
    'west1',
    'W-0101',
    'Zhu Hong',
    'team_leader',
    'management',
    'team_leader',
    1000,
  ),
  person('rep.west1a', 'west1', 'W-0102', 'Hu Jun', 'sales_rep', 'professional', 'sales_rep', 300),
  person(
    'leader.west2',
    'west2',
    'W-0201',
    'Guo Ping',
    'team_leader',
    'management',
    'team_leader',
    700,
  ),
];

/** The members the demo hires besides its people, for the states a newcomer should see. */
export const DEMO_EXTRA_HIRES = {
  suspended: { team: 'east1', employeeNo: 'E-0191', name: 'Gao Yun', hiredDaysBefore: 40 },
  departed: { team: 'east1', employeeNo: 'E-0192', name: 'Lin Tao', hiredDaysBefore: 60 },
  extended: { team: 'west1', employeeNo: 'W-0191', name: 'Wu Fei', hiredDaysBefore: 25 },
} as const;

/**
 * The authenticator secret of the demo users whose roles must use MFA (admin, director, hr,
 * finance); `npm run mfa:code` prints its current code. Demo data only.
 */
export const DEMO_MFA_SECRET = 'ONQWYZLTN5YHGLLEMVWW6LLNMZQS2MRQ';
