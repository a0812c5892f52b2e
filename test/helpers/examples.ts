// The checked-in example scenarios under config/examples/ (README, "Example scenarios").
import * as path from 'node:path';
import { PROJECT_ROOT } from './synth';

export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'config', 'examples');
export const EXAMPLE_SCENARIOS = ['adopted-account', 'hscn-vpn-only', 'no-hscn', 'single-region', 'suspended-account'] as const;
export type ExampleScenario = (typeof EXAMPLE_SCENARIOS)[number];
