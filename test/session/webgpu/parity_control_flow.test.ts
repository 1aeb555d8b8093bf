import { CONTROL_FLOW_CASES } from './cases_control_flow.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Switch, RefSwitch, Merge, RefMerge and RefIdentity', CONTROL_FLOW_CASES, 10);
