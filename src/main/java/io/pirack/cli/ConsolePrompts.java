package io.pirack.cli;

import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;

/** Host-key and passphrase questions on the terminal; without a terminal every question is answered "no". */
final class ConsolePrompts implements HostKeyPrompt, PassphrasePrompt {

    private final Console console = System.console();

    @Override
    public synchronized boolean trust(String alias, String host, String keyType, String sha256Fingerprint) {
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s (%s) is not in known_hosts.%n%s key fingerprint is %s.%nTrust it and record it? [y/N] ",
                alias, host, keyType, sha256Fingerprint);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    @Override
    public synchronized Optional<char[]> passphrase(Path keyFile, boolean retry) {
        if (console == null) {
            return Optional.empty();
        }
        char[] answer = console.readPassword(retry ? "Wrong passphrase. Passphrase for %s: " : "Passphrase for %s: ", keyFile);
        return answer == null || answer.length == 0 ? Optional.empty() : Optional.of(answer);
    }
}
