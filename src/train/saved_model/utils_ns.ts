export { build_tensor_info, get_tensor_from_tensor_info } from './signature.js';
