package io.pirack.core.net;

/** A Pi's ACT LED set blinking by Identify: which LED, and the trigger to put back. */
public record LedBlink(String ledDir, String savedTrigger) {}
