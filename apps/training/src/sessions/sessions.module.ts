import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CoursesModule } from '../courses/courses.module';
import { RosterModule } from '../roster/roster.module';
import { CourseEnrollments } from './course-enrollments';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [CoursesModule, RosterModule],
  controllers: [SessionsController],
  providers: [
    SessionsService,
    SessionsRepository,
    CourseEnrollments,
    companyCalendarProvider,
    // Outside production, TEST_CLOCK_FILE moves when attendance, feedback and grades are recorded.
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
  exports: [SessionsRepository, CourseEnrollments],
})
export class SessionsModule {}
