import { Module } from '@nestjs/common';

import { CustomersModule } from '../customers/customers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { HandoverController } from './handover.controller';
import { HandoverRepository } from './handover.repository';
import { HandoverService } from './handover.service';

@Module({
  imports: [CustomersModule, OrganisationModule],
  controllers: [HandoverController],
  providers: [HandoverService, HandoverRepository],
})
export class HandoverModule {}
