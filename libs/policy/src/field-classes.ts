/** The confidentiality class of a field (security.md, "Field confidentiality"). */
export type FieldClass = 'internal' | 'contact' | 'financial' | 'personnel' | 'secret';

/** How a contact field is masked for those who may not read it in clear. */
export type ContactKind = 'phone' | 'email' | 'wechat' | 'address' | 'birthday';

export type FieldRule =
  | { class: 'internal' | 'financial' | 'secret' }
  | { class: 'contact'; kind: ContactKind }
  /**
   * `hiddenFromLeaders`: leaders in scope see scores, not amounts, nor who objected to a
   * promotion (so nobody is pressed for having objected).
   */
  | { class: 'personnel'; hiddenFromLeaders: boolean };

const internal = { class: 'internal' } as const;
const contact = (kind: ContactKind) => ({ class: 'contact', kind }) as const;
const personnel = { class: 'personnel', hiddenFromLeaders: false } as const;
const personnelBeyondLeaders = { class: 'personnel', hiddenFromLeaders: true } as const;
const secret = { class: 'secret' } as const;
const financial = { class: 'financial' } as const;

/**
 * Every field of every resource the API returns, with its class. A field that is not listed here
 * is readable by an administrator only: the policy is an allowlist.
 */
export const FIELD_RULES = {
  team: {
    id: internal,
    name: internal,
    kind: internal,
    parentId: internal,
    leaderId: internal,
    viceLeaderId: internal,
    settings: internal,
    ownSettings: internal,
    version: internal,
    createdAt: internal,
    updatedAt: internal,
  },
  member: {
    id: internal,
    employeeNo: internal,
    name: internal,
    phone: contact('phone'),
    wechatId: contact('wechat'),
    email: contact('email'),
    teamId: internal,
    position: internal,
    track: internal,
    level: internal,
    status: internal,
    hiredAt: internal,
    probationEndsAt: internal,
    departedAt: internal,
    version: internal,
  },
  application: {
    id: internal,
    candidateName: internal,
    phone: contact('phone'),
    email: contact('email'),
    channel: internal,
    resume: personnel,
    teamId: internal,
    position: internal,
    track: internal,
    level: internal,
    status: internal,
    /** Shown through `interview` below. */
    interview: internal,
    rejectionReason: personnel,
    memberId: internal,
    version: internal,
    createdAt: internal,
  },
  record: {
    id: internal,
    memberId: internal,
    teamId: internal,
    category: internal,
    kind: internal,
    reason: personnel,
    amount: personnelBeyondLeaders,
    status: internal,
    issuedBy: internal,
    approvedBy: internal,
    issuedAt: internal,
    decidedAt: internal,
    version: internal,
  },
  promotion: {
    id: internal,
    memberId: internal,
    teamId: internal,
    track: internal,
    fromLevel: internal,
    toLevel: internal,
    status: internal,
    appliedBy: internal,
    reason: internal,
    assessment: personnel,
    evidence: personnel,
    decision: internal,
    noticeEndsAt: internal,
    effectiveAt: internal,
    /** Each objection is shown through `objection` below. */
    objections: internal,
    version: internal,
    createdAt: internal,
  },
  interview: {
    interviewerId: internal,
    at: internal,
    score: personnel,
    notes: personnel,
  },
  objection: {
    id: internal,
    filedBy: personnelBeyondLeaders,
    reason: internal,
    status: internal,
  },
  leaveRequest: {
    id: internal,
    memberId: internal,
    teamId: internal,
    kind: internal,
    startsOn: internal,
    endsOn: internal,
    reason: personnel,
    status: internal,
    decidedBy: internal,
    rejectionReason: personnel,
    version: internal,
    createdAt: internal,
  },
  meeting: {
    id: internal,
    teamId: internal,
    kind: internal,
    heldOn: internal,
    attendeeIds: internal,
    notes: internal,
    casesShared: internal,
    actionItems: internal,
    createdBy: internal,
    createdAt: internal,
  },
  customer: {
    id: internal,
    type: internal,
    name: internal,
    phone: contact('phone'),
    wechatId: contact('wechat'),
    email: contact('email'),
    address: contact('address'),
    birthday: contact('birthday'),
    channel: internal,
    intent: internal,
    tags: internal,
    ownerId: internal,
    teamId: internal,
    stage: internal,
    stageReason: internal,
    lastContactAt: internal,
    nextFollowUpAt: internal,
    registeredBy: internal,
    createdAt: internal,
    version: internal,
  },
  followUp: {
    id: internal,
    customerId: internal,
    memberId: internal,
    channel: internal,
    content: internal,
    outcome: internal,
    nextFollowUpAt: internal,
    at: internal,
  },
  user: {
    id: internal,
    username: internal,
    memberId: internal,
    teamId: internal,
    roles: internal,
    grants: internal,
    status: internal,
    mfaEnabled: internal,
    activationExpiresAt: internal,
    lockedUntil: internal,
    disabledAt: internal,
    createdAt: internal,
    updatedAt: internal,
    /** Only in the answer that creates or resets the account: shown once, for its owner. */
    activationToken: internal,
    passwordHash: secret,
    activationTokenHash: secret,
    mfaSecret: secret,
    mfaPendingSecret: secret,
  },
  product: {
    id: internal,
    sku: internal,
    name: internal,
    category: internal,
    listPrice: internal,
    floorPrice: internal,
    unitCost: financial,
    active: internal,
    version: internal,
    createdAt: internal,
  },
  order: {
    id: internal,
    number: internal,
    customerId: internal,
    ownerId: internal,
    teamId: internal,
    createdBy: internal,
    contractId: internal,
    /** Each line: product, quantity, unit price, line total (prices the customer sees). */
    lines: internal,
    total: internal,
    cost: financial,
    profit: financial,
    status: internal,
    statusReason: internal,
    paymentStatus: internal,
    paidAmount: internal,
    refundedAmount: internal,
    shipment: internal,
    /** `none` (no line below its floor), `pending` (waits for a leader), `approved`. */
    discountStatus: internal,
    discountApproval: financial,
    createdAt: internal,
    updatedAt: internal,
    version: internal,
  },
} as const satisfies Record<string, Record<string, FieldRule>>;

export type Resource = keyof typeof FIELD_RULES;
