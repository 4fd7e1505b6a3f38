import { Controller, Inject } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import type { CallContext, IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcCallContext, RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { OrdersService } from './orders.service';

type Request<K extends Exclude<keyof typeof OrdersRpc, 'openOrders'>> = RpcRequest<
  (typeof OrdersRpc)[K]
>;

@Controller()
export class OrdersController {
  constructor(@Inject(OrdersService) private readonly orders: OrdersService) {}

  @RpcHandler(OrdersRpc.createOrder)
  create(@RpcPayload() request: Request<'createOrder'>, @RpcCallContext() context: CallContext) {
    return this.orders.create(request, context);
  }

  @RpcHandler(OrdersRpc.getOrder)
  get(@RpcPayload() request: Request<'getOrder'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.get(request, identity);
  }

  @RpcHandler(OrdersRpc.listOrders)
  list(@RpcPayload() request: Request<'listOrders'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.list(request, identity);
  }

  @RpcHandler(OrdersRpc.orderTimeline)
  timeline(
    @RpcPayload() request: Request<'orderTimeline'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.orders.timeline(request, identity);
  }

  @RpcHandler(OrdersRpc.updateLines)
  updateLines(
    @RpcPayload() request: Request<'updateLines'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.orders.updateLines(request, identity);
  }

  @RpcHandler(OrdersRpc.submit)
  submit(@RpcPayload() request: Request<'submit'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.submit(request, identity);
  }

  @RpcHandler(OrdersRpc.approve)
  approve(@RpcPayload() request: Request<'approve'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.approve(request, identity);
  }

  @RpcHandler(OrdersRpc.reject)
  reject(@RpcPayload() request: Request<'reject'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.reject(request, identity);
  }

  @RpcHandler(OrdersRpc.approveDiscount)
  approveDiscount(
    @RpcPayload() request: Request<'approveDiscount'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.orders.approveDiscount(request, identity);
  }

  @RpcHandler(OrdersRpc.fulfil)
  fulfil(@RpcPayload() request: Request<'fulfil'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.fulfil(request, identity);
  }

  @RpcHandler(OrdersRpc.cancel)
  cancel(@RpcPayload() request: Request<'cancel'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.cancel(request, identity);
  }

  @RpcHandler(OrdersRpc.complete)
  complete(@RpcPayload() request: Request<'complete'>, @RpcIdentity() identity: IdentityClaims) {
    return this.orders.complete(request, identity);
  }

  @RpcHandler(OrdersRpc.recordPayment)
  recordPayment(
    @RpcPayload() request: Request<'recordPayment'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.orders.recordPayment(request, identity);
  }

  @RpcHandler(OrdersRpc.recordRefund)
  recordRefund(
    @RpcPayload() request: Request<'recordRefund'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.orders.recordRefund(request, identity);
  }
}
