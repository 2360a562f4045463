package io.pirack.core.preflight;

/**
 * One line of the "Ready for the show" checklist.
 *
 * @param id     stable identifier for the UI and JSON ("nodes", "images", …)
 * @param fix    what to do about it; empty when the item passes
 */
public record PreflightItem(String id, String title, CheckStatus status, String detail, String fix) {
}
