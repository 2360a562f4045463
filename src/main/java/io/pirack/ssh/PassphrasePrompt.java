package io.pirack.ssh;

import java.nio.file.Path;
import java.util.Optional;

/** Asks for the passphrase of an encrypted private key. Empty means the presenter cancelled. */
@FunctionalInterface
public interface PassphrasePrompt {

    /** @param retry true when the previous answer for this key was wrong */
    Optional<char[]> passphrase(Path keyFile, boolean retry);

    PassphrasePrompt NONE = (keyFile, retry) -> Optional.empty();
}
