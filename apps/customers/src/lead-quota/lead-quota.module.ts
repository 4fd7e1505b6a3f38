import { type DynamicModule, Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { OrganisationModule } from '../organisation/organisation.module';
import { LeadQuotaController } from './lead-quota.controller';
import { LeadQuotaRepository } from './lead-quota.repository';
import { LeadQuotaService } from './lead-quota.service';
import { LeadQuotaSweeper, SWEEP_INTERVAL_MS } from './lead-quota.sweeper';

@Module({})
export class LeadQuotaModule {
  /** `intervalMs`: how often weeks whose quota fell due are looked for. */
  static every(intervalMs: number): DynamicModule {
    return {
      module: LeadQuotaModule,
      imports: [OrganisationModule],
      controllers: [LeadQuotaController],
      providers: [
        LeadQuotaService,
        LeadQuotaRepository,
        LeadQuotaSweeper,
        companyCalendarProvider,
        { provide: SWEEP_INTERVAL_MS, useValue: intervalMs },
      ],
    };
  }
}
