import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';

import { type Role, roleSchema } from '@salesops/policy';
import { DomainError } from '@salesops/rpc';

import type { loginRequestSchema, tokenPairSchema } from './auth.schemas';
import { decoyHash, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async login(
    credentials: z.output<typeof loginRequestSchema>,
  ): Promise<z.output<typeof tokenPairSchema>> {
    const user = await this.users.findActiveByUsername(credentials.username);
    const valid = await verifyPassword(
      user?.passwordHash ?? (await decoyHash()),
      credentials.password,
    );
    if (!user || !valid) throw new DomainError('INVALID_CREDENTIALS');
    const issued = this.tokens.issueAccessToken({
      kind: 'user',
      id: user.id,
      memberId: user.memberId,
      teamId: user.teamId,
      roles: rolesOf(user.roles),
    });
    return { ...issued, tokenType: 'Bearer' };
  }
}

function rolesOf(stored: string[]): Role[] {
  return stored.flatMap((role) => {
    const parsed = roleSchema.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}
