import { Module } from '@nestjs/common';

import { OrdersTasksController } from './orders-tasks.controller';
import { OrdersTasksRepository } from './orders-tasks.repository';
import { OrdersTasksService } from './orders-tasks.service';

@Module({
  controllers: [OrdersTasksController],
  providers: [OrdersTasksService, OrdersTasksRepository],
})
export class OrdersTasksModule {}
