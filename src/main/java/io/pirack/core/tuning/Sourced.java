package io.pirack.core.tuning;

/** A setting's value together with where it came from. */
public record Sourced<T>(T value, SettingSource source) {
}
