import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

import type { IdentityClaims } from '@salesops/rpc';

import type { LoggedEvent } from './department-events.repository';
import { EventStreamClient } from './event-stream.client';

/** A response that keeps what is written, as unread output until `drainAll`. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableLength = 0;
  destroyed = false;
  cork(): void {}
  uncork(): void {}
  write(chunk: string): boolean {
    this.written.push(chunk);
    this.writableLength += chunk.length;
    return true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
  drainAll(): void {
    this.writableLength = 0;
  }
}

const director: IdentityClaims = {
  caller: { kind: 'user', id: 'u', memberId: null, teamId: null, roles: ['director'] },
  permissions: ['members:read'],
  scope: { kind: 'company', teamIds: [], memberId: null },
};

const hired = (seq: number): LoggedEvent => ({
  seq: BigInt(seq),
  envelope: {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type: 'members.member.hired',
    version: 1,
    source: 'members',
    time: '2026-11-28T08:00:00.000Z',
    subject: `m-${seq}`,
    subjectVersion: 1,
    actor: null,
    requestId: null,
    data: { memberId: `m-${seq}`, teamId: 't-1', level: 'sales_rep' },
  },
});

const ids = (response: FakeResponse) =>
  response.written.flatMap((chunk) => /^id: (\d+)/.exec(chunk)?.[1] ?? []);

describe('a stream client', () => {
  it('sends what it caught up on, then what arrived meanwhile, each once and in order', async () => {
    const response = new FakeResponse();
    const sut = new EventStreamClient(
      response as unknown as ServerResponse,
      director,
      ['members.*'],
      1n,
      1 << 20,
    );
    sut.offer(hired(3));
    sut.offer(hired(4));
    await sut.sendPage([hired(2), hired(3)]);
    sut.goLive();
    sut.offer(hired(4));
    sut.offer(hired(5));
    expect(ids(response)).toEqual(['2', '3', '4', '5']);
  });

  it('is disconnected once its unwritten output passes the bound, holding up nobody', () => {
    const response = new FakeResponse();
    const sut = new EventStreamClient(
      response as unknown as ServerResponse,
      director,
      ['members.*'],
      0n,
      2048,
    );
    sut.goLive();
    for (let seq = 1; seq <= 100 && !sut.isClosed; seq += 1) sut.offer(hired(seq));
    expect(sut.isClosed).toBe(true);
    expect(response.destroyed).toBe(true);
    expect(ids(response).length).toBeLessThan(100);
  });

  it('sends only the types asked for', () => {
    const response = new FakeResponse();
    const sut = new EventStreamClient(
      response as unknown as ServerResponse,
      director,
      ['orders.*'],
      0n,
      1 << 20,
    );
    sut.goLive();
    sut.offer(hired(1));
    sut.heartbeat();
    expect(ids(response)).toEqual([]);
    expect(response.written.at(-1)).toBe(': heartbeat\n\n');
  });

  it('shows a row offered to many clients as each one’s caller may see it', () => {
    const row = hired(1);
    const otherTeam: IdentityClaims = {
      caller: { kind: 'user', id: 'v', memberId: null, teamId: 't-2', roles: ['manager'] },
      permissions: ['members:read'],
      scope: { kind: 'subtree', teamIds: ['t-2'], memberId: null },
    };
    const client = (identity: IdentityClaims) => {
      const response = new FakeResponse();
      const sut = new EventStreamClient(
        response as unknown as ServerResponse,
        identity,
        ['members.*'],
        0n,
        1 << 20,
      );
      sut.goLive();
      return { response, sut };
    };
    const first = client(director);
    const second = client(otherTeam);
    const third = client(director);
    for (const { sut } of [first, second, third]) sut.offerAll([row]);
    expect(ids(first.response)).toEqual(['1']);
    expect(ids(second.response)).toEqual([]);
    expect(ids(third.response)).toEqual(['1']);
    // Reach changed: the same row now reaches them.
    second.sut.reauthorize({
      ...otherTeam,
      scope: { kind: 'subtree', teamIds: ['t-1'], memberId: null },
    });
    second.sut.offerAll([hired(2)]);
    expect(ids(second.response)).toEqual(['2']);
  });
});
