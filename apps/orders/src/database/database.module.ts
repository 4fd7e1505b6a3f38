import { databaseModuleOf } from '@salesops/persistence';

import { PrismaService } from './prisma.service';

export const DatabaseModule = databaseModuleOf(PrismaService);
