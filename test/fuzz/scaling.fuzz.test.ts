import { defineScalingFuzz } from './properties/scaling.js';
import { runs } from './support.js';

// Each case costs a few seconds of CPU (six runs of inputs of a few MB): 50 cases, not 100,000.
defineScalingFuzz(runs(50), 60 * 60 * 1000);
