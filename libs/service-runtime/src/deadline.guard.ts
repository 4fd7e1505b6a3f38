import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';

import { DomainError, timeLeftMs } from '@salesops/rpc';

import { deadlineOf } from './call-deadline';

/**
 * A message whose caller has already given up is refused before anything else runs: the work
 * would be done for nobody, and a caller that retries would see it done twice.
 */
@Injectable()
export class DeadlineGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (timeLeftMs(deadlineOf(context)) <= 0) {
      throw new DomainError(
        'DEADLINE_EXCEEDED',
        'The caller had stopped waiting; nothing was done',
      );
    }
    return true;
  }
}
