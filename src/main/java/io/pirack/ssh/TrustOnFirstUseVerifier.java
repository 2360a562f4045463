package io.pirack.ssh;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host key check for one connection attempt against an OpenSSH {@code known_hosts} file: a known
 * key passes, an unknown host is put to the {@link HostKeyPrompt} and recorded when trusted, and a
 * key that differs from the recorded one — or of another type than every recorded one — is refused without asking (that is what a
 * man-in-the-middle looks like; the presenter must fix known_hosts deliberately). It remembers
 * what happened so the shell can tell the presenter exactly why a connection was refused.
 */
final class TrustOnFirstUseVerifier extends OpenSSHKnownHosts {

    enum Outcome { NOT_CHECKED, KNOWN, TRUSTED_NOW, REFUSED_UNKNOWN, CHANGED }

    /** Serialises appends from parallel connections to the same file. */
    private static final Object FILE_LOCK = new Object();

    private final String alias;
    private final HostKeyPrompt prompt;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile String presentedFingerprint = "";

    TrustOnFirstUseVerifier(Path knownHosts, String alias, HostKeyPrompt prompt) throws IOException {
        super(knownHosts.toFile());
        this.alias = alias;
        this.prompt = prompt;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        presentedFingerprint = sha256Fingerprint(key);
        boolean accepted = super.verify(hostname, port, key);
        if (accepted && outcome == Outcome.NOT_CHECKED) {
            outcome = Outcome.KNOWN;
        }
        return accepted;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (knowsAnotherKeyFor(hostname)) {
            // OpenSSH: "REMOTE HOST IDENTIFICATION HAS CHANGED". The client prefers the known key types
            // (findExistingAlgorithms), so a Pi that now shows only another type is not the Pi we knew.
            outcome = Outcome.CHANGED;
            return false;
        }
        KeyType type = KeyType.fromKey(key);
        if (!prompt.trust(alias, hostname, type.toString(), sha256Fingerprint(key))) {
            outcome = Outcome.REFUSED_UNKNOWN;
            return false;
        }
        try {
            HostEntry entry = new HostEntry(null, hostname, type, key);
            synchronized (FILE_LOCK) {
                File file = getFile();
                Path parent = file.toPath().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                entries().add(entry);
                write(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the host key in " + getFile(), e);
        }
        outcome = Outcome.TRUSTED_NOW;
        return true;
    }

    private boolean knowsAnotherKeyFor(String hostname) {
        for (KnownHostEntry entry : entries()) {
            try {
                if (entry.getType() != null && entry.getType() != KeyType.UNKNOWN && entry.appliesTo(hostname)) {
                    return true;
                }
            } catch (IOException e) {
                // A hashed entry that cannot be checked says nothing about this host.
            }
        }
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        outcome = Outcome.CHANGED;
        return false;
    }

    Outcome outcome() {
        return outcome;
    }

    String presentedFingerprint() {
        return presentedFingerprint;
    }

    /** The fingerprint exactly as {@code ssh-keygen -lf} and OpenSSH's prompts print it. */
    static String sha256Fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
