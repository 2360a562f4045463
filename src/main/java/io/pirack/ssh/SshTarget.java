package io.pirack.ssh;

import java.nio.file.Path;

/**
 * Where and as whom to connect. Built from the rack spec merged with {@code ~/.ssh/config}.
 *
 * @param alias        the name the presenter knows the Pi by (rack hostname), used in messages
 * @param host         address or DNS name actually connected to
 * @param identityFile private key, or null for the default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa)
 */
public record SshTarget(String alias, String host, int port, String user, Path identityFile) {
}
