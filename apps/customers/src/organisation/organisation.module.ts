import { Module } from '@nestjs/common';

import { OrganisationConsumer } from './organisation.consumer';
import { OrganisationRepository } from './organisation.repository';

@Module({
  providers: [OrganisationConsumer, OrganisationRepository],
  exports: [OrganisationRepository],
})
export class OrganisationModule {}
