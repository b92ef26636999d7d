/**
 * Which build this is. Test builds (`wxt build --mode e2e`, and Vitest) also run on 127.0.0.1 and
 * localhost, keep the overlay's shadow root open for the e2e suite, and read an emulated policy;
 * store builds compile those paths away (the constant is replaced at build time).
 */
export const IS_TEST_BUILD = import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'test';

/**
 * The extension's version, as its manifest says, fixed at build time (wxt.config.ts defines it and
 * fails the build if the manifest says otherwise); undefined where no build defined it (Vitest).
 */
export const BUILD_VERSION: string | undefined = (
  import.meta.env as { readonly PLENS_VERSION?: string }
).PLENS_VERSION;
