// klctl's verbs, one module each; a new verb is a module exporting a register function and one
// line here.
import type { Command } from 'commander';
import { registerApplyCommand } from './apply.js';
import { registerClusterCommand } from './cluster.js';
import { registerCordonCommands } from './cordon.js';
import { registerCreateCommand } from './create.js';
import { registerDeleteCommand } from './delete.js';
import { registerDescribeCommand } from './describe.js';
import { registerDrainCommand } from './drain.js';
import { registerEventsCommand } from './events.js';
import { registerExecCommand } from './exec.js';
import { registerGetCommand } from './get.js';
import { registerLabelCommands } from './label.js';
import { registerLogsCommand } from './logs.js';
import { registerRolloutCommand } from './rollout.js';
import { registerScaleCommand } from './scale.js';
import { registerVersionCommand } from './version.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerClusterCommand,
  registerGetCommand,
  registerDescribeCommand,
  registerApplyCommand,
  registerCreateCommand,
  registerDeleteCommand,
  registerLogsCommand,
  registerExecCommand,
  registerScaleCommand,
  registerRolloutCommand,
  registerLabelCommands,
  registerCordonCommands,
  registerDrainCommand,
  registerEventsCommand,
  registerVersionCommand,
];
