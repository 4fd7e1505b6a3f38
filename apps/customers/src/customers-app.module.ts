import { Module } from '@nestjs/common';

import { OutboxRelayHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { CustomerHandoverController } from './handover/customer-handover.controller';

/** The customers service: its features arrive with their issues; the runtime and relay are in place. */
@Module({
  imports: [DatabaseModule],
  controllers: [CustomerHandoverController],
  providers: [OutboxRelayHost],
})
export class CustomersAppModule {}
