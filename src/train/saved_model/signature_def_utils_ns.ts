export { build_signature_def, predict_signature_def, is_valid_signature } from './signature.js';
