import { Controller, Inject, Post } from '@nestjs/common';
import type { z } from 'zod';

import { ApiRoute, ValidBody } from '../http/api-route.decorator';
import { loginRequestSchema, tokenPairSchema } from './auth.schemas';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @ApiRoute({
    summary: 'Log in with username and password',
    tag: 'auth',
    public: true,
    body: loginRequestSchema,
    response: tokenPairSchema,
  })
  login(@ValidBody() credentials: z.output<typeof loginRequestSchema>) {
    return this.auth.login(credentials);
  }
}
