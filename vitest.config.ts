import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Dawn reads VK_ICD_FILENAMES once, when the worker process starts: it must be in the
// environment of the main process, before any worker exists. Without a GPU, Chromium's
// SwiftShader is the Vulkan driver.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) {
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/cli/buildCli.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
