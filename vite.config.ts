/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readLessonFiles } from './app/lessons/lesson-files';
import { formatProblem } from './app/lessons/schema';
import { scenarioIndex } from './app/library/scenario-index-plugin';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './scripts/vite/content-security-policy';
import { precacheServiceWorker } from './scripts/vite/precache-service-worker';

/** The build refuses a lesson file that does not match the lesson schema, naming the file, line and field. */
function checkLessons() {
  return {
    name: 'podpath-check-lessons',
    buildStart(this: { error(message: string): never }) {
      const problems = readLessonFiles('lessons').flatMap((f) => (f.check.ok ? [] : f.check.problems));
      if (problems.length) this.error(`invalid lessons:\n${problems.map(formatProblem).join('\n')}`);
    },
  };
}

export default defineConfig({
  plugins: [react(), checkLessons(), scenarioIndex(), contentSecurityPolicy(), precacheServiceWorker()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  // The preview server sends the policy as a header too (a <meta> policy cannot carry every directive).
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  test: {
    include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./scripts/vitest-build-cli.ts'],
    reporters: ['default', './scripts/vitest-plain-summary.ts'],
  },
});
