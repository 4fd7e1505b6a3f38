import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { CustomerHandoverController } from './handover/customer-handover.controller';
import { CustomersTasksController } from './tasks/customers-tasks.controller';

/** The customers service: its features arrive with their issues; the runtime and relay are in place. */
@Module({
  imports: [DatabaseModule],
  controllers: [CustomerHandoverController, CustomersTasksController],
  providers: [OutboxRelayHost, RetentionHost],
})
export class CustomersAppModule {}
