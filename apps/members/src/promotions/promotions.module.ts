import { Module } from '@nestjs/common';

import { CalendarModule } from '../calendar/calendar.module';
import { MembersModule } from '../members/members.module';
import { MemberRecordsModule } from '../records/member-records.module';
import { TeamsModule } from '../teams/teams.module';
import { PromotionsController } from './promotions.controller';
import { PromotionsRepository } from './promotions.repository';
import { PromotionsService } from './promotions.service';

@Module({
  imports: [MembersModule, TeamsModule, MemberRecordsModule, CalendarModule],
  controllers: [PromotionsController],
  providers: [PromotionsService, PromotionsRepository],
  exports: [PromotionsService],
})
export class PromotionsModule {}
