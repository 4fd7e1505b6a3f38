import { Controller, Inject } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { ProductsService } from './products.service';

type Request<K extends 'createProduct' | 'getProduct' | 'listProducts' | 'updateProduct'> =
  RpcRequest<(typeof OrdersRpc)[K]>;

@Controller()
export class ProductsController {
  constructor(@Inject(ProductsService) private readonly products: ProductsService) {}

  @RpcHandler(OrdersRpc.createProduct)
  create(@RpcPayload() request: Request<'createProduct'>, @RpcIdentity() identity: IdentityClaims) {
    return this.products.create(request, identity);
  }

  @RpcHandler(OrdersRpc.getProduct)
  get(@RpcPayload() request: Request<'getProduct'>, @RpcIdentity() identity: IdentityClaims) {
    return this.products.get(request, identity);
  }

  @RpcHandler(OrdersRpc.listProducts)
  list(@RpcPayload() request: Request<'listProducts'>, @RpcIdentity() identity: IdentityClaims) {
    return this.products.list(request, identity);
  }

  @RpcHandler(OrdersRpc.updateProduct)
  update(@RpcPayload() request: Request<'updateProduct'>, @RpcIdentity() identity: IdentityClaims) {
    return this.products.update(request, identity);
  }
}
