package io.pirack.images;

/**
 * A registry could not tell an image's platforms. The message is one sentence for the presenter;
 * {@code unreachable} separates "could not ask" (offline booth: fall back to the cache) from
 * "asked and was refused" (a wrong tag, a login needed, a broken manifest).
 */
public final class RegistryException extends Exception {

    private final boolean unreachable;

    public RegistryException(String message, boolean unreachable) {
        super(message);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }
}
