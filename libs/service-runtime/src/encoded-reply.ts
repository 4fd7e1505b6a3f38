import type { RpcContract, RpcReply } from '@salesops/rpc';

/**
 * A reply validated against its contract and encoded once, for a handler that answers the same
 * large reply again and again (a cached ranking of 2,000 members): the dispatcher sends its
 * `answer` as it is, instead of validating, serialising and encoding it on every request.
 *
 * The answer is Nest's `{ response, isDisposed }` without the request's `id`: a client reads the
 * reply on the request's own inbox (Nest's too: it drops only a reply whose id differs), and
 * without the id no request copies the answer's bytes, whose garbage drove a full collection
 * about every 0.4 s under a ranking's load (bench/README).
 */
export class EncodedReply<T = unknown> {
  private constructor(
    /** The subject of the contract it was validated against: no other handler may answer it. */
    readonly subject: string,
    readonly value: T,
    readonly answer: Uint8Array,
  ) {}

  static of<C extends RpcContract>(contract: C, reply: RpcReply<C>): EncodedReply<RpcReply<C>> {
    const value = contract.reply.parse(reply) as RpcReply<C>;
    const answer = JSON.stringify({ response: value, isDisposed: true });
    return new EncodedReply(contract.subject, value, Buffer.from(answer));
  }
}
