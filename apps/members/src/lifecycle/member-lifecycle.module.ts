import { Module } from '@nestjs/common';

import { DeparturesModule } from '../departures/departures.module';
import { MembersModule } from '../members/members.module';
import { MemberLifecycleController } from './member-lifecycle.controller';
import { MemberLifecycleService } from './member-lifecycle.service';

@Module({
  imports: [MembersModule, DeparturesModule],
  controllers: [MemberLifecycleController],
  providers: [MemberLifecycleService],
  exports: [MemberLifecycleService],
})
export class MemberLifecycleModule {}
