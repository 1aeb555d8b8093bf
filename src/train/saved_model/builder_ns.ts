export { SavedModelBuilder } from './builder.js';
