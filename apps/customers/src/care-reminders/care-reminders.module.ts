import { Inject, Module, type OnModuleInit } from '@nestjs/common';

import { DueSweeps } from '../due-sweeps/due-sweeps';
import { CareRemindersController } from './care-reminders.controller';
import { CareRemindersRepository } from './care-reminders.repository';
import { CareRemindersService } from './care-reminders.service';

@Module({
  controllers: [CareRemindersController],
  providers: [CareRemindersService, CareRemindersRepository],
  exports: [CareRemindersService],
})
export class CareRemindersModule implements OnModuleInit {
  constructor(
    @Inject(DueSweeps) private readonly sweeps: DueSweeps,
    @Inject(CareRemindersService) private readonly reminders: CareRemindersService,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(this.reminders.daySweep);
  }
}
