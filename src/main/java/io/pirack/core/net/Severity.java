package io.pirack.core.net;

/** How bad a problem found in a network file is: an ERROR blocks applying, a WARNING is advice. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
