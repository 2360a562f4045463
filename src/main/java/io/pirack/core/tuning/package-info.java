/**
 * Failure-detection tuning, pure: what the cluster really does when a Pi goes silent
 * ({@link io.pirack.core.tuning.EffectiveSettings}, each value with its source), how long failover
 * will take ({@link io.pirack.core.tuning.FailoverPrediction}), what is dangerous
 * ({@link io.pirack.core.tuning.TuningAdvisor}), and how to change it safely: toleration lists
 * ({@link io.pirack.core.tuning.TolerationTuning}) and per-distribution file edits
 * ({@link io.pirack.core.tuning.ConfigEditPlans}) that re-read what they wrote. Also image presence
 * for the pre-pull. The fabric8 and SSH sides live in {@code io.pirack.tuning}.
 */
package io.pirack.core.tuning;
