/** FIT's Switch-Feature benchmark (three states, state s makes feature s salient). */
export { generateSwitchFeature, SWITCH, SWITCH_SPLITS } from './switch-feature';
