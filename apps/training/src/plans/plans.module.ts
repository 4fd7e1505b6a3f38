import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CoursesModule } from '../courses/courses.module';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

@Module({
  imports: [CoursesModule],
  controllers: [PlansController],
  providers: [PlansService, PlansRepository, companyCalendarProvider],
})
export class PlansModule {}
