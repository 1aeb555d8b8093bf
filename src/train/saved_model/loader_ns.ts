export { load, maybe_saved_model_directory } from './loader.js';
