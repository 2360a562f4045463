package io.pirack.core.net;

/** One problem in a bootptab, at a 1-based physical line of the file (0 for the file as a whole). */
public record BootptabProblem(int line, Severity severity, String message) {

    /** The compiler-style form {@code FILE:LINE: error|warning: message} ({@code FILE: …} for the whole file). */
    public String format(String fileName) {
        return fileName + (line > 0 ? ":" + line : "") + ": " + severity.label() + ": " + message;
    }
}
