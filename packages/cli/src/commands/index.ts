// klctl's verbs, one module each; a new verb is a module exporting a register function and one
// line here.
import type { Command } from 'commander';
import { registerClusterCommand } from './cluster.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerClusterCommand];
