import { Controller, Get, Inject, Post } from '@nestjs/common';
import { z } from 'zod';

import {
  assignFromPoolInputSchema,
  customerSchema,
  CustomersRpc,
  type ListPoolQuery,
  listPoolQuerySchema,
  poolEntrySchema,
  poolReportQuerySchema,
  poolReportSchema,
  releaseToPoolInputSchema,
} from '@salesops/customers-contracts';
import { type CallContext, pageOf, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx } from '../http/call-context.decorator';

const customerParams = z.object({ customerId: z.uuid() });
type CustomerParams = z.output<typeof customerParams>;

/**
 * `GET /pool`, `POST /pool/:customerId/{claim,assign}`, `GET /pool/report`: the public pool, as the
 * customers service keeps it (its path names the customer, not a pool entry of its own).
 */
@Controller('pool')
export class PoolController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @ApiRoute({
    summary:
      "The customers in the pools you reach (a rep: their team's), newest first; contact fields masked to reps until claimed",
    permission: CustomersRpc.listPool.permission,
    tag: 'customers',
    query: listPoolQuerySchema,
    response: pageOf(poolEntrySchema),
  })
  list(@ValidQuery() query: ListPoolQuery, @CallCtx() context: CallContext) {
    return this.rpc.call(CustomersRpc.listPool, query, context);
  }

  @Get('report')
  @ApiRoute({
    summary:
      "A team's pool report: per rep the open customers held, their lead age and how many returned to the pool",
    permission: CustomersRpc.poolReport.permission,
    tag: 'customers',
    query: poolReportQuerySchema,
    response: poolReportSchema,
  })
  report(
    @ValidQuery() query: z.output<typeof poolReportQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(CustomersRpc.poolReport, query, context);
  }

  @Post(':customerId/claim')
  @ApiRoute({
    summary:
      "Claim a customer of your team's pool, up to the team's poolClaimCap open customers held (of two claims at once one wins; the other is 409 POOL_CUSTOMER_NOT_IN_POOL)",
    permission: CustomersRpc.claimFromPool.permission,
    tag: 'customers',
    params: customerParams,
    response: customerSchema,
  })
  claim(@ValidParams() { customerId }: CustomerParams, @CallCtx() context: CallContext) {
    return this.rpc.call(CustomersRpc.claimFromPool, { customerId }, context);
  }

  @Post(':customerId/assign')
  @ApiRoute({
    summary: 'Assign a customer of a pool you reach to a member of your reach (leaders)',
    permission: CustomersRpc.assignFromPool.permission,
    tag: 'customers',
    params: customerParams,
    body: assignFromPoolInputSchema,
    response: customerSchema,
  })
  assign(
    @ValidParams() { customerId }: CustomerParams,
    @ValidBody() input: z.output<typeof assignFromPoolInputSchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(CustomersRpc.assignFromPool, { customerId, input }, context);
  }

  @Post(':customerId/release')
  @ApiRoute({
    summary:
      "Give an open customer back to its team's pool (its owner, or a leader in reach), with the reason; its history stays",
    permission: CustomersRpc.releaseToPool.permission,
    tag: 'customers',
    params: customerParams,
    body: releaseToPoolInputSchema,
    response: poolEntrySchema,
  })
  release(
    @ValidParams() { customerId }: CustomerParams,
    @ValidBody() input: z.output<typeof releaseToPoolInputSchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(CustomersRpc.releaseToPool, { customerId, input }, context);
  }
}
