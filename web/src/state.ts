// What the page's sections share: the data, the backend asked for, the current model (replaced by each Train),
// and a signal each time its variables change, so the sections that show the model's answers re-run them.
import { BehaviorSubject, merge, type Observable, Subject } from 'rxjs';
import type { BackendChoice, LiveModel } from './engine.js';
import type { BrowserDatasets } from './mnist.js';

/** The page's shared state. */
export class PageState {
  /** The model the page shows; a new one replaces it when training starts. */
  readonly model$: BehaviorSubject<LiveModel>;
  private readonly changed = new Subject<void>();

  constructor(
    readonly backend: BackendChoice,
    readonly mnist: BrowserDatasets,
    model: LiveModel,
  ) {
    this.model$ = new BehaviorSubject(model);
  }

  /** The current model. */
  get model(): LiveModel {
    return this.model$.value;
  }

  /** Emits when the current model's variables have changed (a training step was recorded). */
  get variablesChanged$(): Observable<void> {
    return this.changed.asObservable();
  }

  /** Says that the current model's variables changed. */
  variablesChanged(): void {
    this.changed.next();
  }

  /** Makes `next` the page's model and closes the old one's session (after any run it has in flight). */
  replaceModel(next: LiveModel): void {
    const old = this.model$.value;
    this.model$.next(next);
    if (old !== next) old.sess.close();
  }

  /** Emits now and whenever the model or its variables change: when to re-run anything that shows the model's answers. */
  get anyChange$(): Observable<unknown> {
    return merge(this.model$, this.changed);
  }
}
