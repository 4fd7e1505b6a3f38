import type { CreateMemberInput, CreateTeamInput } from '@salesops/members-contracts';

export interface DemoTeam {
  key: string;
  parent: string | null;
  team: Omit<CreateTeamInput, 'parentId'>;
  /** The usernames of the team's leader and vice leader. */
  leaders?: { leader: string; vice?: string };
}

export interface DemoPerson {
  username: string;
  team: string;
  member: Omit<CreateMemberInput, 'teamId'>;
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
): DemoPerson => ({
  username,
  team,
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

export const DEMO_PEOPLE: DemoPerson[] = [
  person('director', 'company', 'D-0001', 'Zhang Wei', 'director', 'management', 'director'),
  person('hr', 'company', 'D-0002', 'Li Na', 'hr', 'professional', 'sales_rep'),
  person('finance', 'company', 'D-0003', 'Wang Fang', 'finance', 'professional', 'sales_rep'),
  person('trainer', 'company', 'D-0004', 'Liu Yang', 'trainer', 'professional', 'sales_rep'),
  person('manager.east', 'east', 'E-0001', 'Chen Jie', 'manager', 'management', 'manager'),
  person('leader.east1', 'east1', 'E-0101', 'Yang Min', 'team_leader', 'management', 'team_leader'),
  person(
    'vice.east1',
    'east1',
    'E-0102',
    'Zhao Lei',
    'vice_leader',
    'professional',
    'senior_sales_rep',
  ),
  person('rep.east1a', 'east1', 'E-0103', 'Huang Li', 'sales_rep', 'professional', 'sales_rep'),
  person('rep.east1b', 'east1', 'E-0104', 'Zhou Qiang', 'sales_rep', 'professional', 'sales_rep'),
  person(
    'service.east1',
    'east1',
    'E-0105',
    'Wu Xia',
    'customer_service',
    'professional',
    'customer_service',
  ),
  person('ops.east1', 'east1', 'E-0106', 'Xu Tao', 'operations', 'professional', 'operations'),
  person('leader.east2', 'east2', 'E-0201', 'Sun Hui', 'team_leader', 'management', 'team_leader'),
  person('manager.west', 'west', 'W-0001', 'Ma Lin', 'manager', 'management', 'manager'),
  person('leader.west1', 'west1', 'W-0101', 'Zhu Hong', 'team_leader', 'management', 'team_leader'),
  person('rep.west1a', 'west1', 'W-0102', 'Hu Jun', 'sales_rep', 'professional', 'sales_rep'),
  person('leader.west2', 'west2', 'W-0201', 'Guo Ping', 'team_leader', 'management', 'team_leader'),
];

/**
 * The authenticator secret of the demo users whose roles must use MFA (admin, director, hr,
 * finance); `npm run mfa:code` prints its current code. Demo data only.
 */
export const DEMO_MFA_SECRET = 'ONQWYZLTN5YHGLLEMVWW6LLNMZQS2MRQ';
