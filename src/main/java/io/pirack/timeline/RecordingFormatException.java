package io.pirack.timeline;

/** A recording that cannot be read; the message names the file and line and is meant for the user. */
public final class RecordingFormatException extends RuntimeException {

    public RecordingFormatException(String message) {
        super(message);
    }
}
