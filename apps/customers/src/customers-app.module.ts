import { type DynamicModule, Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';
import { FieldCipherModule } from '@salesops/persistence';

import { ComplaintsSweepModule } from './complaints/complaints-sweep.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { CareRemindersModule } from './care-reminders/care-reminders.module';
import type { CustomersSettings } from './customers-config';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { DueSweepsModule } from './due-sweeps/due-sweeps.module';
import { FirstOrdersModule } from './first-orders/first-orders.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { HandoverModule } from './handover/handover.module';
import { ImportsModule } from './imports/imports.module';
import { LeadQuotaModule } from './lead-quota/lead-quota.module';
import { OrganisationModule } from './organisation/organisation.module';
import { RevisitsModule } from './revisits/revisits.module';
import { PoolModule } from './pool/pool.module';
import { TasksModule } from './tasks/tasks.module';
import { VisitsModule } from './visits/visits.module';

/** One module per feature folder; the settings come from the environment, checked at start. */
@Module({})
export class CustomersAppModule {
  static with(settings: CustomersSettings): DynamicModule {
    return {
      module: CustomersAppModule,
      imports: [
        DatabaseModule,
        FieldCipherModule.with(settings.cipher),
        OrganisationModule,
        CustomersModule,
        FollowUpsModule,
        HandoverModule,
        FirstOrdersModule,
        TasksModule,
        ImportsModule.every(settings.sweepIntervalMs),
        LeadQuotaModule.every(settings.sweepIntervalMs),
        ComplaintsModule,
        ComplaintsSweepModule.every(settings.sweepIntervalMs),
        RevisitsModule,
        DueSweepsModule.every(settings.sweepIntervalMs),
        PoolModule,
        VisitsModule,
        CareRemindersModule,
      ],
      providers: [OutboxRelayHost, RetentionHost],
    };
  }
}
