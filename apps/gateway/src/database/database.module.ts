import { databaseModuleOf } from '@salesops/persistence';

import { GATEWAY_CONFIG } from '../gateway-config';
import { PrismaService } from './prisma.service';

export const DatabaseModule = databaseModuleOf(PrismaService, GATEWAY_CONFIG);
