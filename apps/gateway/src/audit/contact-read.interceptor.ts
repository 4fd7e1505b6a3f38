import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { mergeMap, type Observable } from 'rxjs';

import type { IdentityClaims } from '@salesops/rpc';

import { routeSpecOf } from '../http/route-spec';
import { AuditTrail } from './audit-trail';
import { bearsContact } from './contact-bearing';
import { contactReadsOf } from './contact-reads';

/**
 * The one place clear contact reads are audited: every reply of every route whose response schema
 * can hold a contact-bearing record passes here (@ApiRoute puts it on each), and each record it
 * shows with contact fields in clear is written to the trail before it leaves.
 */
@Injectable()
export class ContactReadInterceptor implements NestInterceptor {
  constructor(@Inject(AuditTrail) private readonly audit: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const schema = routeSpecOf(context)?.response;
    if (!schema || context.getType() !== 'http' || !bearsContact(schema)) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: IdentityClaims }>();
    return next.handle().pipe(
      mergeMap(async (reply: unknown) => {
        await this.audit.recordAll(contactReadsOf(schema, reply, request.user, request.id));
        return reply;
      }),
    );
  }
}
