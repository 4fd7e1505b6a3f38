import { Module } from '@nestjs/common';

import { OrderHandoverController } from './order-handover.controller';
import { OrderHandoverRepository } from './order-handover.repository';
import { OrderHandoverService } from './order-handover.service';

@Module({
  controllers: [OrderHandoverController],
  providers: [OrderHandoverService, OrderHandoverRepository],
})
export class OrderHandoverModule {}
