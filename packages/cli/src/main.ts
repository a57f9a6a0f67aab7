#!/usr/bin/env node
// klctl: a kubectl-like CLI for kubelite. The verbs live in ./commands, one module each.
import { Command } from 'commander';
import { KUBELITE_GIT_VERSION } from '@kubelite/api';
import { COMMANDS } from './commands/index.js';

process.title = 'klctl';

const program = new Command('klctl')
  .description('kubelite command line: bootstrap a local cluster (klctl cluster up) and talk to it')
  .version(`klctl ${KUBELITE_GIT_VERSION}`, '--version')
  .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
  .option('--context <name>', 'the kubeconfig context to use')
  .option('-n, --namespace <namespace>', 'the namespace for this request')
  .showHelpAfterError();

for (const register of COMMANDS) register(program);

await program.parseAsync();
