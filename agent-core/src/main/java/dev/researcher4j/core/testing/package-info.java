/**
 * Fakes and helpers for testing code built on researcher4j without a live model or network: {@link
 * dev.researcher4j.core.testing.ScriptedChatModel} (canned or computed replies, recorded requests),
 * {@link dev.researcher4j.core.testing.RecordingListener}, {@link
 * dev.researcher4j.core.testing.TrajectoryAssertions}, {@link
 * dev.researcher4j.core.testing.FakeClock}, {@link dev.researcher4j.core.testing.RecordingSleeper}
 * and {@link dev.researcher4j.core.testing.FakeToolContext}; and for regression tests of agents,
 * {@link dev.researcher4j.core.testing.ReplayChatModel} and {@link
 * dev.researcher4j.core.testing.ReplayTools}, which re-execute a recorded trajectory and report
 * where a run departs from it. Shipped in the main jar so users can use them in their own tests;
 * none of them depends on a test framework.
 */
package dev.researcher4j.core.testing;
