import type { FastifyReply } from 'fastify';

/** Sets `ETag` to the resource's version, which `If-Match` names on the next change. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  void reply.header('etag', `"${resource.version}"`);
  return resource;
}
