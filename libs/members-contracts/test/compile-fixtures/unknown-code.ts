// Compile fixture (members.errors.spec.ts): a code no catalog declares does not compile.
import { DomainError } from '@salesops/contract-kit';
import '@salesops/members-contracts';

export const unknown = new DomainError('MEMBER_NOT_FOUN');
