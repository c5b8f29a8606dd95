/**
 * Fakes and helpers for testing code built on researcher4j without a live model or network: {@link
 * dev.researcher4j.testing.ScriptedChatModel} (canned or computed replies, recorded requests),
 * {@link dev.researcher4j.testing.RecordingListener}, {@link
 * dev.researcher4j.testing.TrajectoryAssertions}, {@link dev.researcher4j.testing.FakeClock},
 * {@link dev.researcher4j.testing.RecordingSleeper} and {@link
 * dev.researcher4j.testing.FakeToolContext}. For regression tests of agents, agent-core has {@code
 * ReplayChatModel} and {@code ReplayTools} (package {@code
 * dev.researcher4j.core.trajectory.replay}), which re-execute a recorded trajectory and report
 * where a run departs from it. Shipped in the main jar so users can use them in their own tests;
 * none of them depends on a test framework.
 */
package dev.researcher4j.testing;
