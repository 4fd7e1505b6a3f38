import type { ExecutionContext } from '@nestjs/common';
import type { z } from 'zod';

import type { Permission } from '@salesops/policy';

export const ROUTE_SPEC = Symbol('route-spec');

/** Everything about a route that validation and the OpenAPI document need, written once. */
export interface RouteSpec {
  summary: string;
  tag: string;
  status?: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The media type of a body that is not JSON, taken as text (the customers import's CSV). */
  textBody?: string;
  response?: z.ZodType;
  /** Open to callers without a token. Every other route needs one, and a permission. */
  public?: boolean;
  /**
   * What the caller must be allowed: `authenticated` for one's own profile, `session` for what
   * only a signed-in user has (their session, their second factor), never an API key.
   */
  permission?: Permission | 'authenticated' | 'session' | null;
  idempotent?: boolean;
  versioned?: boolean;
  /** Where a password, code or token is tried: limited harder per address. */
  signIn?: boolean;
}

export function routeSpecOf(context: ExecutionContext): RouteSpec | undefined {
  return Reflect.getMetadata(ROUTE_SPEC, context.getHandler()) as RouteSpec | undefined;
}
