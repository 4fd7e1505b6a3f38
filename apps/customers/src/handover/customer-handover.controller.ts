import { Controller } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * The customers side of a departure's handover. Customers themselves arrive with the CRM issue;
 * until then no member owns any, so there is nothing to hand over or revert.
 */
@Controller()
export class CustomerHandoverController {
  @RpcHandler(CustomersRpc.customers.holdings)
  holdings() {
    return { open: 0 };
  }

  @RpcHandler(CustomersRpc.customers.handOver)
  handOver() {
    return { moved: 0 };
  }

  @RpcHandler(CustomersRpc.customers.revertHandover)
  revertHandover() {
    return { reverted: 0 };
  }
}
