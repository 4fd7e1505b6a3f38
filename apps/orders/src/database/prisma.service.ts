import { prismaServiceOf } from '@salesops/persistence';

import { PrismaClient } from '../generated/prisma/client';

// Orders' hot reads and writes are a few statements, each heavier to plan than to run.
export class PrismaService extends prismaServiceOf(PrismaClient, { preparedStatements: true }) {}
