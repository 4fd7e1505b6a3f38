import { Inject, Module, type OnModuleInit } from '@nestjs/common';

import { DueSweeps } from '../due-sweeps/due-sweeps';
import { OrganisationModule } from '../organisation/organisation.module';
import { PoolController } from './pool.controller';
import { PoolRepository } from './pool.repository';
import { PoolService } from './pool.service';

@Module({
  imports: [OrganisationModule],
  controllers: [PoolController],
  providers: [PoolService, PoolRepository],
  exports: [PoolService],
})
export class PoolModule implements OnModuleInit {
  constructor(
    @Inject(DueSweeps) private readonly sweeps: DueSweeps,
    @Inject(PoolService) private readonly pool: PoolService,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(this.pool.warningSweep, this.pool.recycleSweep);
  }
}
