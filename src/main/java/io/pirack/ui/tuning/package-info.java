/**
 * The Tuning screen ("Demo readiness"): effective failure-detection settings with their sources,
 * warnings, predicted and measured failover time, the three tuning actions (diff first, backup,
 * one-click revert), image pre-pull and the "Ready for the show" preflight. {@link
 * io.pirack.ui.tuning.TuningBackend} is what the screen needs from a cluster; the app implements it
 * over its current session ({@code io.pirack.app.SessionTuningBackend}).
 */
package io.pirack.ui.tuning;
