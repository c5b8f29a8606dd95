package dev.researcher4j.core.trajectory.export;

import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Trajectory;
import java.util.Optional;

/**
 * How the {@link RlRollouts RL rollout export} rewards a trajectory: the reward of the whole run
 * and the decay {@code γ} that spreads it over the run's turns.
 *
 * <p>The export itself knows no graders; agent-eval's {@code RewardFunction} implements this from a
 * run's grades. Implementations must be thread-safe.
 */
public interface RolloutReward {

  /** No decay: every turn of a run gets the run's reward. */
  double NO_DECAY = 1.0;

  /** The reward of {@code trajectory}, or empty to use the reward recorded in the trajectory. */
  Optional<Reward> reward(Trajectory trajectory);

  /**
   * The decay {@code γ} in (0, 1]: turn i of a correct T-turn run gets {@code r·γ^(T−i)}; default
   * {@link #NO_DECAY}.
   */
  default double gamma() {
    return NO_DECAY;
  }
}
