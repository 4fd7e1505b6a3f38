// Compile fixture (members.errors.spec.ts): members' codes compile only where its catalog is seen.
import { DomainError } from '@salesops/contract-kit';

export const elsewhere = new DomainError('MEMBER_NOT_FOUND');
