import { prismaServiceOf } from '@salesops/persistence';

import { PrismaClient } from '../generated/prisma/client';

// Its own hot statements (the order create's reach check) named; Prisma's unnamed.
export class PrismaService extends prismaServiceOf(PrismaClient, { ownStatements: true }) {}
