// Compile fixture (members.errors.spec.ts): shared and members' codes compile.
import { DomainError } from '@salesops/contract-kit';
import '@salesops/members-contracts';

export const shared = new DomainError('VERSION_MISMATCH');
export const members = new DomainError('MEMBER_NOT_FOUND');
