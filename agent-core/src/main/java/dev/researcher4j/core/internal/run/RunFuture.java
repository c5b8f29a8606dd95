package dev.researcher4j.core.internal.run;

import dev.researcher4j.api.Trajectory;
import java.util.concurrent.CompletableFuture;

/** A future whose cancellation cancels the run. */
public final class RunFuture extends CompletableFuture<Trajectory> {
  private final Run run;

  public RunFuture(Run run) {
    this.run = run;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    // Mark the future cancelled first: cancelling the run can let it finish at once, and a run
    // that completed the future first would make this cancel report false.
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      run.cancel();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
