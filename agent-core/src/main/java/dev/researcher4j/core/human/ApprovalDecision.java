package dev.researcher4j.core.human;

import java.util.Objects;

/**
 * A person's decision on an {@link ApprovalRequest}.
 *
 * @param approved whether the call may run
 * @param note what the person said with it (shown to the model when refused), possibly empty
 */
public record ApprovalDecision(boolean approved, String note) {

  /** Checks the fields. */
  public ApprovalDecision {
    Objects.requireNonNull(note, "note is required, but was null");
  }

  /** The call may run. */
  public static ApprovalDecision approve() {
    return new ApprovalDecision(true, "");
  }

  /** The call must not run, for {@code note} (may be empty). */
  public static ApprovalDecision refuse(String note) {
    return new ApprovalDecision(false, note == null ? "" : note);
  }
}
