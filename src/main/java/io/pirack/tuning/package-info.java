/**
 * Tuning adapters: read effective settings from a live cluster ({@link io.pirack.tuning.ClusterSettingsReader}),
 * patch Deployment tolerations ({@link io.pirack.tuning.DeploymentTolerationPatcher}), edit control-plane
 * files on a Pi over SSH with backup and byte-exact revert ({@link io.pirack.tuning.RemoteConfigEditor}),
 * pre-pull demo images ({@link io.pirack.tuning.ImagePrePuller}) and measure clock skew
 * ({@link io.pirack.tuning.ClockSkewProbe}).
 */
package io.pirack.tuning;
