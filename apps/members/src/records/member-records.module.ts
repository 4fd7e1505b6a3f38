import { Module } from '@nestjs/common';

import { DeparturesModule } from '../departures/departures.module';
import { MembersModule } from '../members/members.module';
import { MemberRecordsController } from './member-records.controller';
import { MemberRecordsRepository } from './member-records.repository';
import { MemberRecordsService } from './member-records.service';

@Module({
  imports: [MembersModule, DeparturesModule],
  controllers: [MemberRecordsController],
  providers: [MemberRecordsService, MemberRecordsRepository],
  exports: [MemberRecordsRepository],
})
export class MemberRecordsModule {}
