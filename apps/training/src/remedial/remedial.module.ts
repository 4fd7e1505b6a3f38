import { Module } from '@nestjs/common';

import { CoursesModule } from '../courses/courses.module';
import { RosterModule } from '../roster/roster.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RemedialConsumer } from './remedial.consumer';

@Module({
  imports: [CoursesModule, RosterModule, SessionsModule],
  providers: [RemedialConsumer],
})
export class RemedialModule {}
