import { Module } from '@nestjs/common';

import { RosterRepository } from './roster.repository';

@Module({ providers: [RosterRepository], exports: [RosterRepository] })
export class RosterModule {}
