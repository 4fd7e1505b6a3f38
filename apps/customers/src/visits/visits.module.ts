import { Inject, Module, type OnModuleInit } from '@nestjs/common';

import { CustomersModule } from '../customers/customers.module';
import { DueSweeps } from '../due-sweeps/due-sweeps';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { VisitsController } from './visits.controller';
import { VisitsRepository } from './visits.repository';
import { VisitsService } from './visits.service';

@Module({
  imports: [CustomersModule, FollowUpsModule, OrganisationModule],
  controllers: [VisitsController],
  providers: [VisitsService, VisitsRepository],
  exports: [VisitsService],
})
export class VisitsModule implements OnModuleInit {
  constructor(
    @Inject(DueSweeps) private readonly sweeps: DueSweeps,
    @Inject(VisitsService) private readonly visits: VisitsService,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(this.visits.overdueSweep);
  }
}
