import { Module } from '@nestjs/common';

import { CustomerDirectory } from '../customers/customer-directory';
import { SalesContractsController } from './sales-contracts.controller';
import { SalesContractsRepository } from './sales-contracts.repository';
import { SalesContractsService } from './sales-contracts.service';

@Module({
  controllers: [SalesContractsController],
  providers: [SalesContractsService, SalesContractsRepository, CustomerDirectory],
  exports: [SalesContractsService],
})
export class SalesContractsModule {}
