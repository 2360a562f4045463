package io.pirack.plug;

import java.util.Optional;

/**
 * A pull, restore or status check failed. The message is for the presenter; when sudo wanted a
 * password, {@link #sudoersSnippet()} holds the drop-in that fixes it.
 */
public class PlugException extends Exception {

    private final String sudoersSnippet;

    public PlugException(String message) {
        this(message, null, null);
    }

    public PlugException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public PlugException(String message, String sudoersSnippet, Throwable cause) {
        super(message, cause);
        this.sudoersSnippet = sudoersSnippet;
    }

    public Optional<String> sudoersSnippet() {
        return Optional.ofNullable(sudoersSnippet);
    }
}
