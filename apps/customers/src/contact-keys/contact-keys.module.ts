import { type DynamicModule, Global, Module } from '@nestjs/common';

import { FieldCipher } from '@salesops/persistence';

/** The cipher of contact fields, for the repositories that store them. */
@Global()
@Module({})
export class ContactKeysModule {
  static with(cipher: FieldCipher): DynamicModule {
    return {
      module: ContactKeysModule,
      providers: [{ provide: FieldCipher, useValue: cipher }],
      exports: [FieldCipher],
    };
  }
}
