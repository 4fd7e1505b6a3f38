import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';

import { type CallContext, RpcClient } from '@salesops/rpc';
import {
  certificateNumberSchema,
  certificateVerificationSchema,
  TrainingRpc,
} from '@salesops/training-contracts';

import { ApiRoute, ValidParams } from '../http/api-route.decorator';
import { CallCtx } from '../http/call-context.decorator';

const paramsSchema = z.object({ number: certificateNumberSchema });

/**
 * Anyone holding a certificate's number may check it, without signing in: the holder's name, the
 * course, the issue date and whether it is valid, nothing else. Limited per address as hard as a
 * sign-in (`signIn`), so numbers cannot be tried in bulk.
 */
@Controller('certificates')
export class CertificateVerificationController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':number/verify')
  @ApiRoute({
    summary: 'Verify a certificate by its number (public, rate-limited per address)',
    tag: 'training',
    public: true,
    signIn: true,
    params: paramsSchema,
    response: certificateVerificationSchema,
  })
  verify(
    @ValidParams() params: z.output<typeof paramsSchema>,
    @CallCtx() context: CallContext,
  ): Promise<z.output<typeof certificateVerificationSchema>> {
    return this.rpc.call(TrainingRpc.verifyCertificate, { number: params.number }, context);
  }
}
