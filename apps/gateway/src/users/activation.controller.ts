import { Controller, Inject, Post } from '@nestjs/common';
import type { z } from 'zod';

import { ApiRoute, ValidBody } from '../http/api-route.decorator';
import { Origin, type RequestOrigin } from '../http/call-context.decorator';
import { activateRequestSchema } from './user.schemas';
import { UsersService } from './users.service';

@Controller('auth')
export class ActivationController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Post('activate')
  @ApiRoute({
    summary:
      'Set the password with the activation token (at least 12 characters, not the username, not a common one); the token works once',
    tag: 'auth',
    status: 204,
    public: true,
    signIn: true,
    body: activateRequestSchema,
  })
  async activate(
    @ValidBody() input: z.output<typeof activateRequestSchema>,
    @Origin() origin: RequestOrigin,
  ): Promise<void> {
    await this.users.activate(input, origin);
  }
}
