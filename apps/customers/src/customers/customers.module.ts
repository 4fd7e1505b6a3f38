import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { OrganisationModule } from '../organisation/organisation.module';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';

@Module({
  imports: [OrganisationModule],
  controllers: [CustomersController],
  providers: [
    CustomersService,
    CustomersRepository,
    // Outside production, TEST_CLOCK_FILE moves the moments its events carry (created, won).
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
  exports: [CustomersService, CustomersRepository],
})
export class CustomersModule {}
