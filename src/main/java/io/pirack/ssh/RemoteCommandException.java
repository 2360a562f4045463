package io.pirack.ssh;

/**
 * A remote command could not be run or did not finish. The message is written for the presenter
 * (what happened and what to do), never a stack trace.
 */
public class RemoteCommandException extends Exception {

    /** Why it failed, so the UI can offer the matching fix. */
    public enum Kind {
        UNREACHABLE, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, AUTHENTICATION, SUDO_PASSWORD_REQUIRED, TIMEOUT, INVALID_ARGUMENT, OTHER
    }

    private final Kind kind;

    public RemoteCommandException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RemoteCommandException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
