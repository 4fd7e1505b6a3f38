import { Module } from '@nestjs/common';

import { MembersModule } from '../members/members.module';
import { DepartureSaga } from './departure-saga.service';
import { DeparturesController } from './departures.controller';
import { DeparturesRepository } from './departures.repository';

@Module({
  imports: [MembersModule],
  controllers: [DeparturesController],
  providers: [DepartureSaga, DeparturesRepository],
  exports: [DepartureSaga],
})
export class DeparturesModule {}
