package io.pirack.plug;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Installs {@link DeadManHelper}'s script on a Pi as root-owned {@code /usr/local/sbin/pirack-deadman},
 * over the SSH connection PiRack already trusts (known host key), with {@code sudo -n} only for the
 * one {@code install} step. The script travels as base64 in one argument (no line of it ever reaches a
 * shell as code), lands in a private temporary file, is checked by SHA-256, installed, the temporary
 * file removed, and the helper asked for its status exactly as PiRack will ask it.
 */
public final class HelperInstaller {

    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Pattern TEMP_FILE = Pattern.compile("/[A-Za-z0-9._/-]+");

    private final RemoteShell shell;

    public HelperInstaller(RemoteShell shell) {
        this.shell = shell;
    }

    /** What {@link #install} does, in the order it does it: shown before asking for consent. */
    public static List<String> plan(SshTarget target, String node) {
        String script = DeadManHelper.script();
        return List.of(
                "connect to " + target.user() + "@" + target.host() + ":" + target.port()
                        + " (host key checked against ~/.ssh/known_hosts)",
                "copy the pirack-deadman script (" + script.getBytes(StandardCharsets.UTF_8).length + " bytes, sha256 "
                        + sha256(script).substring(0, 16) + "…) to a private temporary file and check its SHA-256",
                "sudo -n install -o root -g root -m 0755 <temporary file> " + DeadManHelper.INSTALLED_AT,
                "remove the temporary file",
                "check it: sudo -n " + DeadManHelper.PROGRAM + " status " + node);
    }

    /** Installs (or replaces) the helper; the message of a failure says which step and why. */
    public void install(SshTarget target, String node) throws PlugException {
        String script = DeadManHelper.script();
        String temp = run(target, RemoteCommand.of("mktemp"), "create a temporary file").stdout().strip();
        if (!TEMP_FILE.matcher(temp).matches()) {
            throw new PlugException(target.alias() + ": mktemp answered '" + temp + "', not a file path; nothing was installed.");
        }
        try {
            run(target, RemoteCommand.of("sh", "-c", "printf '%s' \"$1\" | base64 -d > \"$2\"", "sh",
                    Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)), temp), "copy the script");
            String sum = run(target, RemoteCommand.of("sha256sum", temp), "check the copy").stdout().strip().split("\\s+")[0];
            if (!sum.equals(sha256(script))) {
                throw new PlugException(target.alias() + ": the copied script's SHA-256 is " + sum + ", not " + sha256(script)
                        + "; nothing was installed.");
            }
            run(target, RemoteCommand.sudo("install", "-o", "root", "-g", "root", "-m", "0755", temp, DeadManHelper.INSTALLED_AT),
                    "install it as root");
        } finally {
            try {
                shell.run(target, RemoteCommand.of("rm", "-f", temp), STEP);
            } catch (RemoteCommandException e) {
                // A temporary file left in /tmp is harmless; the install's own result is what matters.
            }
        }
        CommandResult status = run(target, DeadManHelper.status(node), "check the installed helper");
        if (DeadManHelper.parseStatus(status.stdout()).isEmpty()) {
            throw new PlugException(target.alias() + ": the helper was installed but answered '" + status.stdout().strip()
                    + "' to status; check " + DeadManHelper.INSTALLED_AT + " on the Pi.");
        }
    }

    private CommandResult run(SshTarget target, RemoteCommand command, String step) throws PlugException {
        try {
            CommandResult result = shell.run(target, command, STEP);
            if (result.exitCode() != 0) {
                String err = result.stderr().strip();
                throw new PlugException(target.alias() + ": could not " + step + " (exit " + result.exitCode()
                        + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse(err)) + ").");
            }
            return result;
        } catch (RemoteCommandException e) {
            throw new PlugException(e.getMessage() + (e.kind() == RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED
                    ? " Installing needs sudo without a password for the SSH user once (or install the script by hand: "
                    + "pirack plug install-helper prints it with --print)." : ""), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
