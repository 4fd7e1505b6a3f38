import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';

import { RetentionHost } from '@salesops/messaging';

import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ComplaintsController } from './complaints/complaints.controller';
import { CustomersController, LeadQuotaController } from './customers/customers.controller';
import { CustomerImportsController } from './customers/customer-imports.controller';
import { CustomersExportController } from './customers/customers-export.controller';
import { CareRemindersController } from './care-reminders/care-reminders.controller';
import { PoolController } from './pool/pool.controller';
import { VisitsController } from './visits/visits.controller';
import { DatabaseModule } from './database/database.module';
import { DepartmentEventsModule } from './department-events/department-events.module';
import { departmentRetention } from './department-events/department-retention';
import { ApiIndexController } from './docs/api-index.controller';
import { HealthController } from './health/health.controller';
import { SystemReadiness } from './health/system-readiness';
import { ProblemFilter } from './http/problem.filter';
import { MembersController } from './members/members.controller';
import { OrdersController } from './orders/orders.controller';
import { CertificateVerificationController } from './training/certificate-verification.controller';
import {
  CertificatesController,
  TrainingRecordsController,
} from './training/certificates.controller';
import {
  AssessmentsController,
  AttemptsController,
  CoursesController,
} from './training/courses.controller';
import { TrainingPlansController } from './training/training-plans.controller';
import {
  EnrollmentsController,
  TrainingSessionsController,
} from './training/training-sessions.controller';
import { ProductsController } from './orders/products.controller';
import {
  KpiSchemesController,
  MemberScorecardsController,
  RankingsController,
  ScorecardsController,
  TargetsController,
} from './performance/performance.controller';
import { SalesContractsController } from './orders/sales-contracts.controller';
import { PromotionsController } from './promotions/promotions.controller';
import { ApplicationsController } from './recruitment/applications.controller';
import { RecordsController } from './records/records.controller';
import { RevisitsController } from './revisits/revisits.controller';
import { LeaveRequestsController } from './team-life/leave-requests.controller';
import { MeetingsController } from './team-life/meetings.controller';
import { MyTasksController } from './tasks/my-tasks.controller';
import { MyTasksService } from './tasks/my-tasks.service';
import { TeamsController } from './teams/teams.controller';
import { UsersModule } from './users/users.module';

@Module({
  imports: [DatabaseModule, AuthModule, AuditModule, UsersModule, DepartmentEventsModule],
  controllers: [
    HealthController,
    ApiIndexController,
    TeamsController,
    MembersController,
    ApplicationsController,
    RecordsController,
    PromotionsController,
    LeaveRequestsController,
    MeetingsController,
    CustomersExportController,
    CustomerImportsController,
    CustomersController,
    LeadQuotaController,
    ComplaintsController,
    RevisitsController,
    PoolController,
    VisitsController,
    CareRemindersController,
    ProductsController,
    OrdersController,
    SalesContractsController,
    CoursesController,
    AssessmentsController,
    AttemptsController,
    TrainingSessionsController,
    EnrollmentsController,
    TrainingPlansController,
    CertificateVerificationController,
    CertificatesController,
    TrainingRecordsController,
    MyTasksController,
    KpiSchemesController,
    TargetsController,
    ScorecardsController,
    MemberScorecardsController,
    RankingsController,
  ],
  // No AsyncLocalStorage in the gateway: on Node 20 its promise hooks cost about a fifth of a
  // read's CPU here. Request id and actor are passed where they are needed.
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    SystemReadiness,
    MyTasksService,
    RetentionHost,
    departmentRetention,
  ],
})
export class GatewayAppModule {}
