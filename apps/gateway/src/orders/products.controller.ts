import { OrdersRpc } from '@salesops/orders-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const ProductsController = rpcController(
  'Products',
  { path: 'products', tag: 'orders' },
  {
    create: route.create(OrdersRpc.createProduct, {
      summary: 'Add a product (SKU unique, floor price at most the list price)',
      located: true,
    }),
    list: route.list(OrdersRpc.listProducts, {
      summary: 'List products (the unit cost only for those cleared for financial data)',
    }),
    get: route.get(OrdersRpc.getProduct, { summary: 'Get a product' }),
    update: route.command(OrdersRpc.updateProduct, {
      method: 'PATCH',
      path: ':id',
      summary: "Change a product's details or prices",
      bodyIn: 'patch',
    }),
  },
);
