package io.pirack.ssh;

/**
 * Asks the presenter whether to trust a Pi the first time PiRack connects to it. Called on an SSH
 * worker thread; a UI implementation must hop to its own thread and block for the answer.
 */
@FunctionalInterface
public interface HostKeyPrompt {

    /**
     * @param alias             the rack's name for the Pi
     * @param host              the host key's known_hosts name ({@code host} or {@code [host]:port})
     * @param keyType           e.g. {@code ssh-ed25519}
     * @param sha256Fingerprint as {@code ssh-keygen -lf} prints it, e.g. {@code SHA256:Jvgt…}
     * @return true to trust and record the key in known_hosts
     */
    boolean trust(String alias, String host, String keyType, String sha256Fingerprint);

    /** Refuses every unknown host: for unattended use (booth mode, CLI without a terminal). */
    HostKeyPrompt REFUSE = (alias, host, keyType, fingerprint) -> false;
}
