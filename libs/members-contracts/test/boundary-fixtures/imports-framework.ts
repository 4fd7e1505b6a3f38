// Lint fixture (module-boundaries.spec.ts): contracts must not pull a framework.
import { Injectable } from '@nestjs/common';

export const probe = Injectable;
