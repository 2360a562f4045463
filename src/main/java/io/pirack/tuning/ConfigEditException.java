package io.pirack.tuning;

/** A configuration edit was refused or failed; the message tells the presenter what happened and what to do. */
public class ConfigEditException extends Exception {

    public ConfigEditException(String message) {
        super(message);
    }

    /** Keeps what the API server answered, so a 403 can still be told in words further up. */
    public ConfigEditException(String message, Throwable cause) {
        super(message, cause);
    }
}
