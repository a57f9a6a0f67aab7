#!/usr/bin/env node
// A committed entry point so that pnpm can link the bin before the first build.
await import('../dist/main.js');
