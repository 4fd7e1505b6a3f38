import { prismaServiceOf } from '@salesops/persistence';

import { PrismaClient } from '../generated/prisma/client';

export class PrismaService extends prismaServiceOf(PrismaClient) {}
