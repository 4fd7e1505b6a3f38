import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { mergeMap, type Observable } from 'rxjs';

import { memberSchema } from '@salesops/members-contracts';
import { UnitOfWork } from '@salesops/persistence';
import { LOGGER } from '@salesops/service-runtime';

import { MemberStanding } from './member-standing.service';

/**
 * A member departed or suspended through this gateway loses their sessions before the answer
 * leaves, so their very next request is refused (security.md), not only once the members event
 * arrives. Every change that answers with the member passes here: depart, suspend, a probation
 * ended by termination (@ApiRoute attaches it to the routes answering with a member). The event,
 * no newer, then changes nothing.
 */
@Injectable()
export class MemberStandingInterceptor implements NestInterceptor {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(MemberStanding) private readonly standing: MemberStanding,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method === 'GET') return next.handle();
    return next.handle().pipe(
      mergeMap(async (reply: unknown) => {
        const member = memberSchema.safeParse(reply);
        if (!member.success) return reply;
        const { id, status, version } = member.data;
        const source = { requestId: request.id, eventId: null };
        try {
          if (status === 'departed') {
            await this.unitOfWork.run((work) => this.standing.departed(id, version, source, work));
          } else if (status === 'suspended') {
            await this.unitOfWork.run((work) => this.standing.suspended(id, version, work));
          }
        } catch (error) {
          // The change is made: its answer stands, and the members event ends the sessions.
          this.logger.warn(
            { requestId: request.id, memberId: id, err: error },
            'sessions not ended with the answer; the members event will end them',
          );
        }
        return reply;
      }),
    );
  }
}
