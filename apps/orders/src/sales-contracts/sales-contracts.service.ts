import { toMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import {
  OrdersRpc,
  type SalesContract,
  type SalesContractStatus,
} from '@salesops/orders-contracts';
import { present } from '@salesops/policy';
import { runIdempotent, toPage, UnitOfWork } from '@salesops/persistence';
import {
  type CallContext,
  DomainError,
  type IdentityClaims,
  type RpcReply,
  type RpcRequest,
  personOf,
  reachOf,
} from '@salesops/rpc';
import { viewerOf } from '@salesops/policy';

import { CustomerDirectory } from '../customers/customer-directory';
import { canSeeOrder } from '../orders/order.presenter';
import { toSalesContract } from './sales-contract.mapper';
import { type SalesContractRow, SalesContractsRepository } from './sales-contracts.repository';

type Command = { id: string; expectedVersion: number | null };

/** The move each action makes: from which statuses, to which. */
const MOVES = {
  submit: { from: ['draft'], to: 'under_review' },
  approve: { from: ['under_review'], to: 'under_review' },
  sign: { from: ['under_review'], to: 'signed' },
  complete: { from: ['signed'], to: 'completed' },
  terminate: { from: ['draft', 'under_review', 'signed'], to: 'terminated' },
} as const satisfies Record<
  string,
  { from: readonly SalesContractStatus[]; to: SalesContractStatus }
>;

function presentContract(contract: SalesContract, identity: IdentityClaims): SalesContract {
  return present('salesContract', contract, viewerOf(identity, contract)) as SalesContract;
}

/**
 * Sales contracts: written by the rep for a customer in reach, approved under review by a leader or
 * above who did not create it, then signed, completed or terminated.
 */
@Injectable()
export class SalesContractsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(SalesContractsRepository) private readonly contracts: SalesContractsRepository,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof OrdersRpc.createContract>,
    context: CallContext,
  ): Promise<SalesContract> {
    const identity = context.identity as IdentityClaims;
    const customer = await this.customers.reachable(input.customerId, context);
    const scope = `${identity.caller.id}:${OrdersRpc.createContract.subject}`;
    const contract = await this.unitOfWork.run((work) =>
      runIdempotent(work, { scope, key, request: input, cipher: null }, async () =>
        toSalesContract(
          await this.contracts.create(
            {
              id: randomUUID(),
              customerId: customer.id,
              ownerId: customer.ownerId,
              teamId: customer.teamId,
              createdBy: personOf(identity),
              amountMinor: toMinor(input.amount),
              deliveryDate: input.deliveryDate,
              paymentMethod: input.paymentMethod,
              afterSalesTerms: input.afterSalesTerms,
              status: 'draft',
            },
            work,
          ),
        ),
      ),
    );
    return presentContract(contract, identity);
  }

  async get({ id }: RpcRequest<typeof OrdersRpc.getContract>, identity: IdentityClaims) {
    return presentContract(toSalesContract(await this.reachable(id, identity)), identity);
  }

  async list(
    query: RpcRequest<typeof OrdersRpc.listContracts>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof OrdersRpc.listContracts>> {
    const rows = await this.contracts.list(query, reachOf(identity));
    const page = toPage(rows.map(toSalesContract), query.limit, (item) => item.createdAt);
    return { ...page, items: page.items.map((item) => presentContract(item, identity)) };
  }

  submit(command: Command, identity: IdentityClaims) {
    return this.move(command, identity, 'submit', () => ({}));
  }

  approve(command: Command, identity: IdentityClaims) {
    return this.move(command, identity, 'approve', (current) => {
      const person = personOf(identity);
      if (current.createdBy === person || current.ownerId === person) {
        throw new DomainError('CONTRACT_SELF_APPROVAL');
      }
      if (current.approvedBy) throw new DomainError('CONTRACT_STATUS_NOT_ALLOWED');
      return { approvedBy: person, approvedAt: new Date() };
    });
  }

  sign(command: Command, identity: IdentityClaims) {
    return this.move(command, identity, 'sign', (current) => {
      if (!current.approvedBy) throw new DomainError('CONTRACT_NOT_APPROVED');
      return {};
    });
  }

  complete(command: Command, identity: IdentityClaims) {
    return this.move(command, identity, 'complete', () => ({}));
  }

  terminate(command: Command & { input: { reason: string } }, identity: IdentityClaims) {
    return this.move(command, identity, 'terminate', () => ({
      statusReason: command.input.reason,
    }));
  }

  /** A signed contract of this customer that the caller reaches, for an order to reference. */
  async signedFor(contractId: string, customerId: string, identity: IdentityClaims): Promise<void> {
    const row = await this.contracts.findById(contractId);
    if (
      !row ||
      !canSeeOrder(row, identity) ||
      row.status !== 'signed' ||
      row.customerId !== customerId
    ) {
      throw new DomainError('ORDER_CONTRACT_INVALID', undefined, undefined, [
        { path: 'input.contractId', message: 'a signed contract of the same customer' },
      ]);
    }
  }

  private async move(
    { id, expectedVersion }: Command,
    identity: IdentityClaims,
    action: keyof typeof MOVES,
    rules: (current: SalesContractRow) => Partial<SalesContractRow>,
  ): Promise<SalesContract> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.reachable(id, identity, work);
      const move = MOVES[action];
      if (!(move.from as readonly string[]).includes(current.status)) {
        throw new DomainError('CONTRACT_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      const version = expectedVersion ?? current.version;
      if (version !== current.version) throw new DomainError('VERSION_MISMATCH');
      return this.contracts.change(id, version, { ...rules(current), status: move.to }, work);
    });
    return presentContract(toSalesContract(row), identity);
  }

  private async reachable(
    id: string,
    identity: IdentityClaims,
    work?: Parameters<SalesContractsRepository['findById']>[1],
  ) {
    const row = await this.contracts.findById(id, work);
    if (!row || !canSeeOrder(row, identity)) throw new DomainError('CONTRACT_NOT_FOUND');
    return row;
  }
}
