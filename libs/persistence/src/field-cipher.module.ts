import { type DynamicModule, Global, Module } from '@nestjs/common';

import { FieldCipher } from './field-cipher';

/** The cipher of a service's contact fields, for the repositories that store them. */
@Global()
@Module({})
export class FieldCipherModule {
  static with(cipher: FieldCipher): DynamicModule {
    return {
      module: FieldCipherModule,
      providers: [{ provide: FieldCipher, useValue: cipher }],
      exports: [FieldCipher],
    };
  }
}
