import type { UnitOfWork, Work } from '@salesops/persistence';

import type { PrismaService } from '../database/prisma.service';
import { RankingInputsRepository } from './ranking-inputs.repository';

describe('RankingInputsRepository.countingChanges', () => {
  const writers: string[] = [];
  const tx = {
    $executeRawUnsafe: (_sql: string, writer: string) => {
      writers.push(writer);
      return Promise.resolve(1);
    },
  } as unknown as Work;
  const unitOfWork: Pick<UnitOfWork, 'run'> = { run: (work) => work(tx) };
  const sut = new RankingInputsRepository({} as PrismaService).countingChanges(unitOfWork, 'facts');

  beforeEach(() => writers.splice(0));

  it('counts transactions running at once in rows of their own, and reuses a row once free', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = sut.run(() => held);
    const second = sut.run(() => Promise.resolve());
    await second;
    release();
    await first;
    expect(writers).toEqual(['facts#1', 'facts']);

    await sut.run(() => Promise.resolve());
    expect(writers.at(-1)).toBe('facts');
  });

  it('frees the row of a transaction that fails', async () => {
    await expect(sut.run(() => Promise.reject(new Error('rolled back')))).rejects.toThrow();
    await sut.run(() => Promise.resolve());
    expect(writers).toEqual(['facts']);
  });
});
