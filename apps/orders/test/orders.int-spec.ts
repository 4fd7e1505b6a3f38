import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomInt, randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { CustomersRpc } from '@salesops/customers-contracts';
import { teamOfReps } from '@salesops/customers-testing';
import { type Order, OrdersRpc } from '@salesops/orders-contracts';
import {
  type DomainError,
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
} from '@salesops/rpc';
import {
  errorOf,
  identityOf,
  ServiceProcess,
  TEST_IDENTITY_KEYS,
  TestClockFile,
  testDatabaseBaseUrl,
  waitFor,
} from '@salesops/testing';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('orders service over NATS', () => {
  let members: ServiceProcess;
  let customers: ServiceProcess;
  let sut: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: Pool;
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));

  const director = identityOf('director', 'company');
  const finance = identityOf('finance', 'company');
  const context = (identity: IdentityClaims) => ({ requestId: randomUUID(), identity });
  // Orders' clock (the year an order is numbered in): the system clock until a test sets it.
  const clock = new TestClockFile('orders-clock-');

  beforeAll(async () => {
    [members, customers, sut] = await Promise.all([
      ServiceProcess.start('members', { natsUrl }),
      ServiceProcess.start('customers', { natsUrl }),
      ServiceProcess.start('orders', { natsUrl, env: { TEST_CLOCK_FILE: clock.path } }),
    ]);
    nc = await connect({ servers: natsUrl });
    rpc = new RpcClient(nc, undefined, signer);
    db = new Pool({ connectionString: testDatabaseBaseUrl(), max: 2 });
  });

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    await Promise.all([sut?.stop(), customers?.stop(), members?.stop()]);
    clock.remove();
  });

  /** A team with two reps known to customers, its leader, operations, and a customer per rep. */
  const newTeam = async () => {
    const { team, leader, reps: hired } = await teamOfReps(rpc, 2);
    const reps = hired as [IdentityClaims, IdentityClaims];
    const customerIds: string[] = [];
    for (const rep of reps) {
      const customer = await rpc.call(
        CustomersRpc.createCustomer,
        { idempotencyKey: null, input: { name: 'Li Lei', channel: 'online' } },
        context(rep),
      );
      customerIds.push(customer.id);
    }
    return {
      team,
      leader,
      reps,
      customerIds: customerIds as [string, string],
      operations: identityOf('operations', 'team', { teamId: team.id }),
    };
  };

  const operationsAnywhere = identityOf('operations', 'team', { teamId: randomUUID() });
  const newProduct = (prices: { listPrice: string; floorPrice: string; unitCost: string }) =>
    rpc.call(
      OrdersRpc.createProduct,
      {
        idempotencyKey: null,
        input: {
          sku: `SKU-${randomUUID().slice(0, 8)}`,
          name: 'Air purifier',
          category: 'home',
          ...prices,
        },
      },
      context(operationsAnywhere),
    );

  const createOrder = (
    identity: IdentityClaims,
    customerId: string,
    lines: { productId: string; quantity: number; unitPrice?: string }[],
    idempotencyKey: string | null = null,
  ) =>
    rpc.call(
      OrdersRpc.createOrder,
      { idempotencyKey, input: { customerId, lines } },
      context(identity),
    );
  const act = <K extends 'submit' | 'approve'>(
    action: K,
    order: { id: string; version: number },
    identity: IdentityClaims,
  ) =>
    rpc.call(
      OrdersRpc[action],
      { id: order.id, expectedVersion: order.version },
      context(identity),
    );
  const fulfil = (
    order: { id: string; version: number },
    step: 'in_production' | 'packed' | 'shipped' | 'delivered',
    identity: IdentityClaims,
  ) =>
    rpc.call(
      OrdersRpc.fulfil,
      {
        id: order.id,
        expectedVersion: order.version,
        input:
          step === 'shipped' ? { step, carrier: 'SF Express', trackingNo: 'SF1234567' } : { step },
      },
      context(identity),
    );
  /** A refused action changed nothing: the order is as it was (status, version, money). */
  const expectUnchanged = async (order: Order) => {
    const now = await rpc.call(OrdersRpc.getOrder, { id: order.id }, context(director));
    expect(now).toMatchObject({
      status: order.status,
      version: order.version,
      total: order.total,
      paidAmount: order.paidAmount,
      refundedAmount: order.refundedAmount,
      discountStatus: order.discountStatus,
    });
  };
  const countOrders = async () =>
    Number((await db.query('SELECT count(*) FROM orders."order"')).rows[0].count);

  it('keeps products: SKU unique, floor at most list, unit cost only for the cleared', async () => {
    const product = await newProduct({
      listPrice: '1999',
      floorPrice: '1500.5',
      unitCost: '900.00',
    });
    expect(product).toMatchObject({ listPrice: '1999.00', floorPrice: '1500.50', active: true });
    expect(product.unitCost).toBeUndefined();

    const rep = identityOf('sales_rep', 'own', { memberId: randomUUID(), teamId: randomUUID() });
    const asRep = await rpc.call(OrdersRpc.getProduct, { id: product.id }, context(rep));
    expect(asRep).not.toHaveProperty('unitCost');
    const asFinance = await rpc.call(OrdersRpc.getProduct, { id: product.id }, context(finance));
    expect(asFinance.unitCost).toBe('900.00');

    const taken = await errorOf(
      rpc.call(
        OrdersRpc.createProduct,
        {
          idempotencyKey: null,
          input: {
            sku: product.sku,
            name: 'x',
            category: 'y',
            listPrice: '1',
            floorPrice: '1',
            unitCost: '1',
          },
        },
        context(director),
      ),
    );
    expect(taken.code).toBe('PRODUCT_SKU_TAKEN');
    const above = await errorOf(
      rpc.call(
        OrdersRpc.updateProduct,
        { id: product.id, expectedVersion: product.version, patch: { floorPrice: '2000.00' } },
        context(director),
      ),
    );
    expect(above.code).toBe('PRODUCT_FLOOR_ABOVE_LIST');
    const byRep = await errorOf(
      rpc.call(
        OrdersRpc.updateProduct,
        { id: product.id, expectedVersion: null, patch: { name: 'mine' } },
        context(rep),
      ),
    );
    expect(byRep.code).toBe('FORBIDDEN');
    const unchanged = await rpc.call(OrdersRpc.getProduct, { id: product.id }, context(director));
    expect(unchanged).toMatchObject({ floorPrice: '1500.50', name: 'Air purifier', version: 1 });
  });

  it('creates a draft numbered per year with exact totals, once per idempotency key', async () => {
    const { reps, customerIds } = await newTeam();
    const a = await newProduct({ listPrice: '0.10', floorPrice: '0.10', unitCost: '0.05' });
    const b = await newProduct({ listPrice: '0.20', floorPrice: '0.20', unitCost: '0.05' });
    const c = await newProduct({ listPrice: '1999.99', floorPrice: '1000', unitCost: '1.00' });
    const key = randomUUID();
    const lines = [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: 1 },
      { productId: c.id, quantity: 3 },
    ];

    const order = await createOrder(reps[0], customerIds[0], lines, key);
    const again = await createOrder(reps[0], customerIds[0], lines, key);

    expect(order.number).toMatch(/^SO-\d{4}-\d{6}$/);
    expect(order).toMatchObject({
      status: 'draft',
      total: '6000.27',
      ownerId: reps[0].caller.memberId,
      paymentStatus: 'unpaid',
      discountStatus: 'none',
      lines: [
        { quantity: 1, unitPrice: '0.10', lineTotal: '0.10' },
        { quantity: 1, unitPrice: '0.20', lineTotal: '0.20' },
        { quantity: 3, unitPrice: '1999.99', lineTotal: '5999.97' },
      ],
    });
    expect(order).not.toHaveProperty('cost');
    expect(again.id).toBe(order.id);
    const next = await createOrder(reps[0], customerIds[0], lines);
    const [, year, n] = /^SO-(\d{4})-(\d{6})$/.exec(next.number) as RegExpExecArray;
    expect(year).toBe(order.number.slice(3, 7));
    expect(Number(n)).toBeGreaterThan(Number(order.number.slice(8)));
  });

  it('reads an order back as it was created: lines in their order, amounts compared as numbers', async () => {
    const { reps, customerIds } = await newTeam();
    // 10.00 against a floor of 9.99: "1000" < "999" as text, not as amounts.
    const a = await newProduct({ listPrice: '10.00', floorPrice: '9.99', unitCost: '1.00' });
    const b = await newProduct({ listPrice: '0.99', floorPrice: '0.99', unitCost: '0.10' });
    const c = await newProduct({ listPrice: '100.00', floorPrice: '99.99', unitCost: '50.00' });

    const created = await createOrder(reps[0], customerIds[0], [
      { productId: c.id, quantity: 1 },
      { productId: b.id, quantity: 2 },
      { productId: a.id, quantity: 1 },
    ]);
    const read = await rpc.call(OrdersRpc.getOrder, { id: created.id }, context(reps[0]));

    expect(read).toEqual(created);
    expect(read).toMatchObject({
      total: '111.98',
      discountStatus: 'none',
      lines: [
        { productId: c.id, quantity: 1, unitPrice: '100.00', lineTotal: '100.00' },
        { productId: b.id, quantity: 2, unitPrice: '0.99', lineTotal: '1.98' },
        { productId: a.id, quantity: 1, unitPrice: '10.00', lineTotal: '10.00' },
      ],
    });
    // A change answers the order as read inside its transaction: the same as read outside one.
    const submitted = await act('submit', read, reps[0]);
    expect(submitted).toMatchObject({ status: 'submitted', version: read.version + 1 });
    expect(await rpc.call(OrdersRpc.getOrder, { id: created.id }, context(reps[0]))).toEqual(
      submitted,
    );
  });

  it('refuses a customer out of reach, an inactive product and a client total, creating nothing', async () => {
    const { reps, customerIds } = await newTeam();
    const product = await newProduct({ listPrice: '10', floorPrice: '5', unitCost: '1' });
    const inactive = await newProduct({ listPrice: '10', floorPrice: '5', unitCost: '1' });
    await rpc.call(
      OrdersRpc.updateProduct,
      { id: inactive.id, expectedVersion: null, patch: { active: false } },
      context(director),
    );
    const before = await countOrders();

    const otherRepsCustomer = await errorOf(
      createOrder(reps[0], customerIds[1], [{ productId: product.id, quantity: 1 }]),
    );
    expect(otherRepsCustomer.code).toBe('ORDER_CUSTOMER_UNKNOWN');
    expect(otherRepsCustomer.status).toBe(422);
    const notActive = await errorOf(
      createOrder(reps[0], customerIds[0], [{ productId: inactive.id, quantity: 1 }]),
    );
    expect(notActive.code).toBe('ORDER_PRODUCT_INVALID');
    expect(notActive.errors).toEqual([
      expect.objectContaining({ path: 'input.lines.0.productId' }),
    ]);
    // A client's total and a line without quantity are refused by the contract (both sides check it).
    const request = OrdersRpc.createOrder.request;
    const line = { productId: product.id, quantity: 1 };
    expect(
      request.safeParse({
        idempotencyKey: null,
        input: { customerId: customerIds[0], lines: [line], total: '1.00' },
      }).success,
    ).toBe(false);
    expect(
      request.safeParse({
        idempotencyKey: null,
        input: { customerId: customerIds[0], lines: [{ ...line, quantity: 0 }] },
      }).success,
    ).toBe(false);
    expect(await countOrders()).toBe(before);
  });

  it("answers orders' reach question about a customer with its owner only, and not found out of reach", async () => {
    const { team, reps, leader, customerIds } = await newTeam();

    const asOwner = await rpc.call(
      CustomersRpc.customerReach,
      { id: customerIds[0] },
      context(reps[0]),
    );
    expect(asOwner).toEqual({
      id: customerIds[0],
      ownerId: reps[0].caller.memberId,
      teamId: team.id,
      stage: 'lead',
    });
    const asLeader = await rpc.call(
      CustomersRpc.customerReach,
      { id: customerIds[1] },
      context(leader),
    );
    expect(asLeader.ownerId).toBe(reps[1].caller.memberId);
    const otherRep = await errorOf(
      rpc.call(CustomersRpc.customerReach, { id: customerIds[1] }, context(reps[0])),
    );
    expect(otherRep.code).toBe('CUSTOMER_NOT_FOUND');
    const otherTeamsLeader = identityOf('team_leader', 'subtree', {
      memberId: randomUUID(),
      teamId: randomUUID(),
    });
    const elsewhere = await errorOf(
      rpc.call(CustomersRpc.customerReach, { id: customerIds[0] }, context(otherTeamsLeader)),
    );
    expect(elsewhere.code).toBe('CUSTOMER_NOT_FOUND');
    const unknown = await errorOf(
      rpc.call(CustomersRpc.customerReach, { id: randomUUID() }, context(director)),
    );
    expect(unknown.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('hides an order out of reach (404) and its financial fields from all but the cleared', async () => {
    const { reps, customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    const order = await createOrder(reps[0], customerIds[0], [
      { productId: product.id, quantity: 2 },
    ]);
    const submitted = await act('submit', order, reps[0]);
    await act('approve', submitted, leader);

    const other = await errorOf(rpc.call(OrdersRpc.getOrder, { id: order.id }, context(reps[1])));
    expect(other.code).toBe('ORDER_NOT_FOUND');
    for (const viewer of [reps[0], leader, operations]) {
      const seen = await rpc.call(OrdersRpc.getOrder, { id: order.id }, context(viewer));
      expect(seen).not.toHaveProperty('cost');
      expect(seen).not.toHaveProperty('profit');
      expect(seen).not.toHaveProperty('discountApproval');
    }
    const cleared = await rpc.call(OrdersRpc.getOrder, { id: order.id }, context(finance));
    expect(cleared).toMatchObject({ total: '200.00', cost: '120.00', profit: '80.00' });
  });

  it('needs a leader (not the creator) to approve a price below the floor; a new line voids it', async () => {
    const { reps, customerIds, leader } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    let order: Order = await createOrder(reps[0], customerIds[0], [
      { productId: product.id, quantity: 1, unitPrice: '70' },
    ]);
    expect(order.discountStatus).toBe('pending');

    expect((await errorOf(act('submit', order, reps[0]))).code).toBe('ORDER_PRICE_BELOW_FLOOR');
    await expectUnchanged(order);
    const byRep = await errorOf(
      rpc.call(
        OrdersRpc.approveDiscount,
        { id: order.id, expectedVersion: null },
        context(reps[0]),
      ),
    );
    expect(byRep.code).toBe('FORBIDDEN');
    order = await rpc.call(
      OrdersRpc.approveDiscount,
      { id: order.id, expectedVersion: order.version, input: { reason: 'bulk customer' } },
      context(leader),
    );
    expect(order.discountStatus).toBe('approved');
    const reasonsFor = async (identity: IdentityClaims) =>
      (await rpc.call(OrdersRpc.orderTimeline, { id: order.id }, context(identity))).items
        .filter((entry) => entry.action === 'approve-discount')
        .map((entry) => entry.reason);
    expect(await reasonsFor(reps[0])).toEqual([null]);
    expect(await reasonsFor(finance)).toEqual(['bulk customer']);
    order = await rpc.call(
      OrdersRpc.updateLines,
      {
        id: order.id,
        expectedVersion: order.version,
        input: { lines: [{ productId: product.id, quantity: 2, unitPrice: '70' }] },
      },
      context(reps[0]),
    );
    expect(order).toMatchObject({ discountStatus: 'pending', total: '140.00' });
    expect((await errorOf(act('submit', order, reps[0]))).code).toBe('ORDER_PRICE_BELOW_FLOOR');

    const own = await createOrder(leader, customerIds[0], [
      { productId: product.id, quantity: 1, unitPrice: '70' },
    ]);
    const self = await errorOf(
      rpc.call(OrdersRpc.approveDiscount, { id: own.id, expectedVersion: null }, context(leader)),
    );
    expect(self.code).toBe('ORDER_SELF_REVIEW');
  });

  it('reviews: nobody approves their own deal, concurrent approvals give one decision, a rejection goes back for correction', async () => {
    const { reps, customerIds, leader } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    const byLeader = await createOrder(leader, customerIds[0], [
      { productId: product.id, quantity: 1 },
    ]);
    const submittedByLeader = await act('submit', byLeader, leader);
    const self = await errorOf(act('approve', submittedByLeader, leader));
    expect(self.code).toBe('ORDER_SELF_REVIEW');
    expect(self.status).toBe(403);
    await expectUnchanged(submittedByLeader);
    const byRep = await errorOf(act('approve', submittedByLeader, reps[0]));
    expect(byRep.code).toBe('FORBIDDEN');

    const order = await createOrder(reps[0], customerIds[0], [
      { productId: product.id, quantity: 1 },
    ]);
    const submitted = await act('submit', order, reps[0]);
    const manager = identityOf('manager', 'subtree', {
      memberId: randomUUID(),
      teamId: order.teamId,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        act('approve', submitted, i % 2 === 0 ? leader : manager),
      ),
    );
    const decided = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as DomainError).code] : [],
    );
    expect(decided).toHaveLength(1);
    expect(refused).toEqual(Array.from({ length: 19 }, () => 'VERSION_MISMATCH'));

    const second = await act(
      'submit',
      await createOrder(reps[1], customerIds[1], [{ productId: product.id, quantity: 1 }]),
      reps[1],
    );
    const rejected = await rpc.call(
      OrdersRpc.reject,
      { id: second.id, expectedVersion: second.version, input: { reason: 'wrong quantity' } },
      context(leader),
    );
    expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'wrong quantity' });
    const corrected = await rpc.call(
      OrdersRpc.updateLines,
      {
        id: second.id,
        expectedVersion: rejected.version,
        input: { lines: [{ productId: product.id, quantity: 3 }] },
      },
      context(reps[1]),
    );
    expect((await act('submit', corrected, reps[1])).status).toBe('submitted');
  });

  it('fulfils by operations of the team to delivery, refuses wrong steps and late cancels, completes once paid or by a leader, and the customer is won', async () => {
    const { reps, customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    let order: Order = await createOrder(reps[0], customerIds[0], [
      { productId: product.id, quantity: 1 },
    ]);
    order = await act('approve', await act('submit', order, reps[0]), leader);

    expect((await errorOf(fulfil(order, 'packed', operations))).code).toBe(
      'ORDER_STATUS_NOT_ALLOWED',
    );
    expect((await errorOf(fulfil(order, 'in_production', operationsAnywhere))).code).toBe(
      'ORDER_NOT_FOUND',
    );
    expect((await errorOf(fulfil(order, 'in_production', reps[0]))).code).toBe('FORBIDDEN');
    expect(
      OrdersRpc.fulfil.request.safeParse({
        id: order.id,
        expectedVersion: null,
        input: { step: 'shipped' },
      }).success,
    ).toBe(false);
    for (const step of ['in_production', 'packed', 'shipped'] as const) {
      order = await fulfil(order, step, operations);
    }
    expect(order.shipment).toEqual({ carrier: 'SF Express', trackingNo: 'SF1234567' });
    const late = await errorOf(
      rpc.call(
        OrdersRpc.cancel,
        { id: order.id, expectedVersion: null, input: { reason: 'changed mind' } },
        context(reps[0]),
      ),
    );
    expect(late.code).toBe('ORDER_STATUS_NOT_ALLOWED');
    await expectUnchanged(order);
    order = await fulfil(order, 'delivered', operations);

    const unpaid = await errorOf(
      rpc.call(OrdersRpc.complete, { id: order.id, expectedVersion: null }, context(reps[0])),
    );
    expect(unpaid.code).toBe('ORDER_NOT_PAID');
    await expectUnchanged(order);
    const completed = await rpc.call(
      OrdersRpc.complete,
      {
        id: order.id,
        expectedVersion: order.version,
        input: { reason: 'paid in cash on delivery' },
      },
      context(leader),
    );
    expect(completed.status).toBe('completed');
    const paidLater = await rpc.call(
      OrdersRpc.recordPayment,
      {
        id: order.id,
        expectedVersion: null,
        input: { amount: '100', method: 'cash', reference: 'R-1' },
      },
      context(finance),
    );
    expect(paidLater).toMatchObject({ status: 'completed', paymentStatus: 'paid' });

    const timeline = await rpc.call(OrdersRpc.orderTimeline, { id: order.id }, context(reps[0]));
    expect(timeline.items.map((entry) => entry.to)).toEqual([
      'draft',
      'submitted',
      'approved',
      'in_production',
      'packed',
      'shipped',
      'delivered',
      'completed',
      'completed',
    ]);
    expect(timeline.items.at(-2)).toMatchObject({
      reason: 'paid in cash on delivery',
      by: leader.caller.memberId,
    });

    await waitFor(
      async () =>
        (await rpc.call(CustomersRpc.getCustomer, { id: customerIds[0] }, context(reps[0])))
          .stage === 'won',
      { what: 'the customer won by its first completed order' },
    );
    const { rows } = await db.query(
      `SELECT type, envelope FROM orders.outbox_event WHERE subject = $1 ORDER BY seq`,
      [order.id],
    );
    expect(rows.map((row: { type: string }) => row.type)).toEqual([
      'orders.order.submitted',
      'orders.order.approved',
      'orders.order.shipped',
      'orders.order.delivered',
      'orders.order.completed',
      'orders.payment.received',
    ]);
    const versions = rows.map(
      (row: { envelope: { subjectVersion: number } }) => row.envelope.subjectVersion,
    );
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('lets no leader complete their own deal unpaid', async () => {
    const { customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    let order: Order = await createOrder(leader, customerIds[0], [
      { productId: product.id, quantity: 1 },
    ]);
    order = await act('approve', await act('submit', order, leader), director);
    for (const step of ['in_production', 'packed', 'shipped', 'delivered'] as const) {
      order = await fulfil(order, step, operations);
    }
    const complete = (who: IdentityClaims) =>
      rpc.call(
        OrdersRpc.complete,
        { id: order.id, expectedVersion: order.version, input: { reason: 'paid in cash' } },
        context(who),
      );
    expect((await errorOf(complete(leader))).code).toBe('ORDER_SELF_REVIEW');
    await expectUnchanged(order);
    expect((await complete(director)).status).toBe('completed');
  });

  it('takes payments up to the total, completes a paid order by its owner, and refunds after delivery up to what was paid', async () => {
    const { reps, customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '33.33', floorPrice: '30', unitCost: '10' });
    let order: Order = await createOrder(reps[0], customerIds[0], [
      { productId: product.id, quantity: 3 },
    ]);
    const pay = (amount: string, identity: IdentityClaims = finance) =>
      rpc.call(
        OrdersRpc.recordPayment,
        {
          id: order.id,
          expectedVersion: null,
          input: { amount, method: 'bank_transfer', reference: `TX-${amount}` },
        },
        context(identity),
      );
    const refund = (amount: string) =>
      rpc.call(
        OrdersRpc.recordRefund,
        { id: order.id, expectedVersion: null, input: { amount, reason: 'one unit returned' } },
        context(finance),
      );

    expect((await errorOf(pay('10.00'))).code).toBe('ORDER_STATUS_NOT_ALLOWED');
    order = await act('approve', await act('submit', order, reps[0]), leader);
    expect((await errorOf(pay('10.00', reps[0]))).code).toBe('FORBIDDEN');
    expect((await errorOf(refund('1.00'))).code).toBe('ORDER_STATUS_NOT_ALLOWED');
    order = await pay('50.00');
    expect(order).toMatchObject({ paymentStatus: 'partially_paid', paidAmount: '50.00' });
    const over = await errorOf(pay('50.00'));
    expect(over.code).toBe('ORDER_OVERPAYMENT');
    await expectUnchanged(order);
    order = await pay('49.99', leader);
    expect(order).toMatchObject({ paymentStatus: 'paid', paidAmount: '99.99', total: '99.99' });
    for (const step of ['in_production', 'packed', 'shipped', 'delivered'] as const) {
      order = await fulfil(order, step, operations);
    }
    order = await rpc.call(
      OrdersRpc.complete,
      { id: order.id, expectedVersion: order.version },
      context(reps[0]),
    );
    expect(order.status).toBe('completed');

    expect((await errorOf(refund('100.00'))).code).toBe('ORDER_REFUND_EXCEEDS_PAID');
    await expectUnchanged(order);
    order = await refund('33.33');
    expect(order).toMatchObject({ refundedAmount: '33.33', paymentStatus: 'paid' });
    expect((await errorOf(refund('66.67'))).code).toBe('ORDER_REFUND_EXCEEDS_PAID');
    order = await refund('66.66');
    expect(order).toMatchObject({ refundedAmount: '99.99', paymentStatus: 'refunded' });

    const { rows } = await db.query(
      `SELECT envelope FROM orders.outbox_event WHERE subject = $1 AND type = 'orders.order.refunded' ORDER BY seq`,
      [order.id],
    );
    expect(rows.map((row: { envelope: { data: object } }) => row.envelope.data)).toEqual([
      expect.objectContaining({ amount: '33.33', afterCompletion: true }),
      expect.objectContaining({ amount: '66.66', refundedAmount: '99.99' }),
    ]);
    const timeline = await rpc.call(OrdersRpc.orderTimeline, { id: order.id }, context(finance));
    expect(timeline.items.filter((entry) => entry.action === 'payment')).toHaveLength(2);
  });

  it("hands a departing member's open orders (only) to the successor, once per handover, and reverts", async () => {
    const { reps, customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '10', floorPrice: '10', unitCost: '1' });
    const line = [{ productId: product.id, quantity: 1 }];
    const open = await act('submit', await createOrder(reps[0], customerIds[0], line), reps[0]);
    const cancelled = await createOrder(reps[0], customerIds[0], line);
    await rpc.call(
      OrdersRpc.cancel,
      { id: cancelled.id, expectedVersion: null, input: { reason: 'duplicate' } },
      context(reps[0]),
    );
    let done: Order = await act(
      'approve',
      await act('submit', await createOrder(reps[0], customerIds[0], line), reps[0]),
      leader,
    );
    for (const step of ['in_production', 'packed', 'shipped', 'delivered'] as const) {
      done = await fulfil(done, step, operations);
    }
    await rpc.call(
      OrdersRpc.complete,
      { id: done.id, expectedVersion: null, input: { reason: 'cash' } },
      context(leader),
    );
    const from = reps[0].caller.memberId as string;
    const to = reps[1].caller.memberId as string;
    const owners = async () =>
      Object.fromEntries(
        (
          await db.query('SELECT id, "ownerId" FROM orders."order" WHERE id = ANY($1::uuid[])', [
            [open.id, cancelled.id, done.id],
          ])
        ).rows.map((row: { id: string; ownerId: string }) => [row.id, row.ownerId]),
      );

    expect(
      await rpc.call(OrdersRpc.openOrders.holdings, { memberId: from }, context(director)),
    ).toEqual({ open: 1 });
    const handoverId = randomUUID();
    const request = { handoverId, fromMemberId: from, toMemberId: to };
    expect(await rpc.call(OrdersRpc.openOrders.handOver, request, context(director))).toEqual({
      moved: 1,
    });
    expect(await rpc.call(OrdersRpc.openOrders.handOver, request, context(director))).toEqual({
      moved: 1,
    });
    expect(await owners()).toEqual({ [open.id]: to, [cancelled.id]: from, [done.id]: from });
    expect((await rpc.call(OrdersRpc.getOrder, { id: open.id }, context(reps[1]))).ownerId).toBe(
      to,
    );

    expect(
      await rpc.call(OrdersRpc.openOrders.revertHandover, { handoverId }, context(director)),
    ).toEqual({ reverted: 1 });
    expect(
      await rpc.call(OrdersRpc.openOrders.revertHandover, { handoverId }, context(director)),
    ).toEqual({ reverted: 0 });
    expect(await owners()).toEqual({ [open.id]: from, [cancelled.id]: from, [done.id]: from });
    const timeline = await rpc.call(OrdersRpc.orderTimeline, { id: open.id }, context(leader));
    expect(timeline.items.map((entry) => entry.action)).toEqual([
      'create',
      'submit',
      'handover',
      'handover-reverted',
    ]);
  });

  it('lists what waits: discounts and reviews for leaders (not their own), fulfilment for operations, payment for the owner', async () => {
    const { reps, customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    const kindsFor = async (identity: IdentityClaims, orderId: string) =>
      (await rpc.call(OrdersRpc.tasks, {}, context(identity))).items
        .filter((task) => task.subjectId === orderId)
        .map((task) => task.kind);
    let order: Order = await createOrder(reps[0], customerIds[0], [
      { productId: product.id, quantity: 1, unitPrice: '70' },
    ]);
    expect(await kindsFor(leader, order.id)).toEqual(['order.discount']);
    expect(await kindsFor(reps[0], order.id)).toEqual([]);
    order = await rpc.call(
      OrdersRpc.approveDiscount,
      { id: order.id, expectedVersion: null },
      context(leader),
    );
    order = await act('submit', order, reps[0]);
    expect(await kindsFor(leader, order.id)).toEqual(['order.review']);
    const ownByLeader = await act(
      'submit',
      await createOrder(leader, customerIds[0], [{ productId: product.id, quantity: 1 }]),
      leader,
    );
    expect(await kindsFor(leader, ownByLeader.id)).toEqual([]);
    order = await act('approve', order, leader);
    expect(await kindsFor(operations, order.id)).toEqual(['order.fulfil']);
    expect(await kindsFor(operationsAnywhere, order.id)).toEqual([]);
    for (const step of ['in_production', 'packed', 'shipped', 'delivered'] as const) {
      order = await fulfil(order, step, operations);
    }
    expect(await kindsFor(operations, order.id)).toEqual([]);
    expect(await kindsFor(reps[0], order.id)).toEqual(['order.payment']);
  });

  it('takes a contract from draft through review (a leader who did not create it) to signed, and lets an order reference it', async () => {
    const { reps, customerIds, leader } = await newTeam();
    const product = await newProduct({ listPrice: '10', floorPrice: '10', unitCost: '1' });
    const draft = (identity: IdentityClaims, customerId: string) =>
      rpc.call(
        OrdersRpc.createContract,
        {
          idempotencyKey: null,
          input: {
            customerId,
            amount: '12000',
            deliveryDate: '2026-12-31',
            paymentMethod: 'bank_transfer',
            afterSalesTerms: 'two years of service',
          },
        },
        context(identity),
      );
    const step = (
      action: 'submitContract' | 'approveContract' | 'signContract' | 'completeContract',
      id: string,
      identity: IdentityClaims,
    ) => rpc.call(OrdersRpc[action], { id, expectedVersion: null }, context(identity));

    const contract = await draft(reps[0], customerIds[0]);
    expect(contract).toMatchObject({
      status: 'draft',
      amount: '12000.00',
      ownerId: reps[0].caller.memberId,
    });
    expect((await errorOf(draft(reps[0], customerIds[1]))).code).toBe('ORDER_CUSTOMER_UNKNOWN');
    const line = [{ productId: product.id, quantity: 1 }];
    const withDraft = await errorOf(
      rpc.call(
        OrdersRpc.createOrder,
        {
          idempotencyKey: null,
          input: { customerId: customerIds[0], lines: line, contractId: contract.id },
        },
        context(reps[0]),
      ),
    );
    expect(withDraft.code).toBe('ORDER_CONTRACT_INVALID');

    await step('submitContract', contract.id, reps[0]);
    expect((await errorOf(step('signContract', contract.id, reps[0]))).code).toBe(
      'CONTRACT_NOT_APPROVED',
    );
    expect((await errorOf(step('approveContract', contract.id, reps[0]))).code).toBe('FORBIDDEN');
    const leaders = await draft(leader, customerIds[0]);
    await step('submitContract', leaders.id, leader);
    expect((await errorOf(step('approveContract', leaders.id, leader))).code).toBe(
      'CONTRACT_SELF_APPROVAL',
    );
    await step('approveContract', contract.id, leader);
    const signed = await step('signContract', contract.id, reps[0]);
    expect(signed).toMatchObject({ status: 'signed', approvedBy: leader.caller.memberId });

    const order = await rpc.call(
      OrdersRpc.createOrder,
      {
        idempotencyKey: null,
        input: { customerId: customerIds[0], lines: line, contractId: contract.id },
      },
      context(reps[0]),
    );
    expect(order.contractId).toBe(contract.id);
    const otherCustomers = await errorOf(
      rpc.call(
        OrdersRpc.createOrder,
        {
          idempotencyKey: null,
          input: { customerId: customerIds[1], lines: line, contractId: contract.id },
        },
        context(reps[1]),
      ),
    );
    expect(otherCustomers.code).toBe('ORDER_CONTRACT_INVALID');
    expect((await step('completeContract', contract.id, reps[0])).status).toBe('completed');
    const late = await errorOf(
      rpc.call(
        OrdersRpc.terminateContract,
        { id: contract.id, expectedVersion: null, input: { reason: 'late' } },
        context(reps[0]),
      ),
    );
    expect(late.code).toBe('CONTRACT_STATUS_NOT_ALLOWED');
    expect(
      (await errorOf(rpc.call(OrdersRpc.getContract, { id: contract.id }, context(reps[1])))).code,
    ).toBe('CONTRACT_NOT_FOUND');
  });

  it('gives concurrent creates distinct numbers of the same year, and a key reused with another body is refused', async () => {
    const { reps, customerIds } = await newTeam();
    const product = await newProduct({ listPrice: '10', floorPrice: '10', unitCost: '1' });
    const line = [{ productId: product.id, quantity: 1 }];
    const orders = await Promise.all(
      Array.from({ length: 12 }, () => createOrder(reps[0], customerIds[0], line)),
    );
    const numbers = orders.map((order) => order.number);
    expect(new Set(numbers).size).toBe(12);
    expect(new Set(numbers.map((number) => number.slice(0, 7))).size).toBe(1);

    const key = randomUUID();
    await createOrder(reps[0], customerIds[0], line, key);
    const reused = await errorOf(
      createOrder(reps[0], customerIds[0], [{ productId: product.id, quantity: 2 }], key),
    );
    expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it("stamps an order's events and business times with its clock (a moved clock moves them)", async () => {
    const { reps, customerIds, leader, operations } = await newTeam();
    const product = await newProduct({ listPrice: '100', floorPrice: '80', unitCost: '60' });
    // 01:00 on 1 March in Shanghai is still February in UTC: the period is the company's month.
    const at = '2021-02-28T17:00:00.000Z';
    clock.freezeAt(at);
    let order: Order;
    try {
      order = await createOrder(reps[0], customerIds[0], [
        { productId: product.id, quantity: 1, unitPrice: '75' },
      ]);
      order = await rpc.call(
        OrdersRpc.approveDiscount,
        { id: order.id, expectedVersion: order.version, input: { reason: 'a loyal customer' } },
        context(leader),
      );
      order = await act('approve', await act('submit', order, reps[0]), leader);
      for (const step of ['in_production', 'packed', 'shipped', 'delivered'] as const) {
        order = await fulfil(order, step, operations);
      }
      order = await rpc.call(
        OrdersRpc.recordPayment,
        {
          id: order.id,
          expectedVersion: order.version,
          input: { amount: '75', method: 'cash', reference: 'R-CLOCK' },
        },
        context(finance),
      );
      order = await rpc.call(
        OrdersRpc.complete,
        { id: order.id, expectedVersion: order.version },
        context(reps[0]),
      );
      order = await rpc.call(
        OrdersRpc.recordRefund,
        { id: order.id, expectedVersion: order.version, input: { amount: '10', reason: 'late' } },
        context(finance),
      );
    } finally {
      clock.reset();
    }
    const { rows } = await db.query<{ envelope: { data: { period: string; at: string } } }>(
      `SELECT envelope FROM orders.outbox_event WHERE subject = $1 ORDER BY seq`,
      [order.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((row) => row.envelope.data.period))).toEqual(new Set(['2021-03']));
    expect(new Set(rows.map((row) => row.envelope.data.at))).toEqual(new Set([at]));
    const { rows: payments } = await db.query<{ at: Date }>(
      `SELECT at FROM orders.order_payment WHERE "orderId" = $1 ORDER BY at`,
      [order.id],
    );
    expect(payments.map((payment) => payment.at.toISOString())).toEqual([at, at]);
    const { rows: stored } = await db.query<{ discountApprovedAt: Date }>(
      `SELECT "discountApprovedAt" FROM orders."order" WHERE id = $1`,
      [order.id],
    );
    expect(stored[0]?.discountApprovedAt.toISOString()).toBe(at);
  });

  it('numbers each company-calendar year from 000001 on, without repeating a number under concurrent creates', async () => {
    const { reps, customerIds } = await newTeam();
    const product = await newProduct({ listPrice: '10', floorPrice: '10', unitCost: '1' });
    const line = [{ productId: product.id, quantity: 1 }];
    // A year no run has numbered in yet (its sequence does not exist), and the one after it.
    let year = 0;
    do {
      year = randomInt(2200, 2900);
      const { rows } = await db.query(
        `SELECT to_regclass('orders.order_number_' || $1) IS NULL AND
                to_regclass('orders.order_number_' || ($1::int + 1)) IS NULL AS fresh`,
        [year],
      );
      if (rows[0].fresh) break;
    } while (true);
    const createIn = async (at: string, count: number) => {
      clock.freezeAt(at);
      const created = await Promise.all(
        Array.from({ length: count }, () => createOrder(reps[0], customerIds[0], line)),
      );
      return created.map((order) => order.number).sort();
    };
    try {
      // 07:00 in Shanghai on New Year's Day is still the last day of the year before in UTC.
      expect(await createIn(`${year}-12-31T23:00:00.000Z`, 8)).toEqual(
        Array.from({ length: 8 }, (_, i) => `SO-${year + 1}-00000${i + 1}`),
      );
      expect(await createIn(`${year}-06-30T12:00:00.000Z`, 3)).toEqual([
        `SO-${year}-000001`,
        `SO-${year}-000002`,
        `SO-${year}-000003`,
      ]);
      expect(await createIn(`${year + 1}-02-01T12:00:00.000Z`, 1)).toEqual([
        `SO-${year + 1}-000009`,
      ]);
    } finally {
      clock.reset();
    }
  });
});
