import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { CertificatesService } from './certificates.service';

type Request<K extends keyof typeof TrainingRpc> = RpcRequest<(typeof TrainingRpc)[K]>;

@Controller()
export class CertificatesController {
  constructor(@Inject(CertificatesService) private readonly certificates: CertificatesService) {}

  @RpcHandler(TrainingRpc.listCertificates)
  list(
    @RpcPayload() request: Request<'listCertificates'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.certificates.list(request, identity);
  }

  @RpcHandler(TrainingRpc.verifyCertificate)
  verify(@RpcPayload() request: Request<'verifyCertificate'>) {
    return this.certificates.verify(request);
  }
}
