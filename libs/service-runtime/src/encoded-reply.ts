import type { RpcContract, RpcReply } from '@salesops/rpc';

/**
 * A reply validated against its contract and encoded once, for a handler that answers the same
 * large reply again and again (a cached ranking of 2,000 members): the dispatcher sends its bytes
 * as they are, instead of validating, serialising and encoding it on every request.
 */
export class EncodedReply<T = unknown> {
  private constructor(
    readonly value: T,
    readonly json: Buffer,
  ) {}

  static of<C extends RpcContract>(contract: C, reply: RpcReply<C>): EncodedReply<RpcReply<C>> {
    const value = contract.reply.parse(reply) as RpcReply<C>;
    return new EncodedReply(value, Buffer.from(JSON.stringify(value)));
  }
}
