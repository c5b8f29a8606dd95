/**
 * Fakes and helpers for testing code built on researcher4j without a live model or network: a
 * scripted chat model, a recording sleeper, trajectory assertions. Shipped in the main jar so users
 * can use them in their own tests.
 */
package dev.researcher4j.core.testing;
