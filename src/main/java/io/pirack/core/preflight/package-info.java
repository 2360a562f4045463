/**
 * "Ready for the show": plain-record inputs ({@link io.pirack.core.preflight.PreflightInputs}) judged into one
 * checklist ({@link io.pirack.core.preflight.Preflight}, {@link io.pirack.core.preflight.PreflightReport}), shared by
 * the app and {@code pirack preflight}.
 */
package io.pirack.core.preflight;
