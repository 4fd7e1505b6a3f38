import { Module } from '@nestjs/common';

import { RosterConsumer } from './roster.consumer';
import { RosterRepository } from './roster.repository';

@Module({ providers: [RosterConsumer, RosterRepository] })
export class RosterModule {}
